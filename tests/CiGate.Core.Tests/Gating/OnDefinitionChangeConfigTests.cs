using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Gating;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Gating;

/// <summary>`gate: on_definition_change:` as the config spells it.</summary>
public sealed class OnDefinitionChangeConfigTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("", DefinitionChangePolicy.Warn)]
    [InlineData("gate: { on_definition_change: warn }", DefinitionChangePolicy.Warn)]
    [InlineData("gate: { on_definition_change: fail }", DefinitionChangePolicy.Fail)]
    [InlineData("gate: { on_definition_change: accept }", DefinitionChangePolicy.Accept)]
    public void The_policy_is_read_from_the_suites_gate(string gate, DefinitionChangePolicy expected)
    {
        var path = Config(gate);

        Assert.Equal(expected, ConfigLoader.Load(path).Suites.Single().Gate.OnDefinitionChange);
    }

    [Fact]
    public void A_mistyped_policy_is_an_error_at_its_line()
    {
        var path = Config("gate: { on_definition_change: ignore }");

        var error = Assert.Throws<CiGateException>(() => ConfigLoader.Load(path)).Diagnostics.Single();

        Assert.Equal((DiagnosticCodes.InvalidValue, 7), (error.Code, error.Line));
        Assert.Contains("must be one of warn, fail, accept, not 'ignore'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_policy_stays_out_of_the_definition_hash()
    {
        var warn = ConfigLoader.Load(Config("gate: { on_definition_change: warn }")).Suites.Single();
        var accept = ConfigLoader.Load(Config("gate: { on_definition_change: accept }")).Suites.Single();

        Assert.Equal(warn.DefinitionHash, accept.DefinitionHash);
    }

    private string Config(string gate)
    {
        folder.Write("data.jsonl", """{"question_id": 1, "question": "q", "options": ["a", "b"], "answer": "A", "category": "c"}""" + "\n");
        return folder.Write("cigate.yml", $$"""
            targets: { t: { base_url: "http://127.0.0.1:9/v1", model: m } }
            suites:
              mmlu:
                preset: mmlu-pro
                dataset: { path: data.jsonl }

                {{gate}}
            """);
    }
}
