using System.Text.Json.Nodes;
using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;

namespace CiGate.Core.Tests.Comparing.Engine;

/// <summary>A suite whose definition changed between base and head still gets compared, named key by key, and gated per on_definition_change.</summary>
public sealed class DefinitionChangeTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("cigate-defchange-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task A_changed_setting_is_named_and_items_whose_prompt_is_unchanged_still_pair()
    {
        var (@base, head) = await MaxTokensAsync(512, 1024);

        var suite = Comparer.Compare(LoadedRun.Load(@base), LoadedRun.Load(head), new CompareOptions()).Suites.Single();

        Assert.Equal(Pairing.Paired, suite.Pairing);
        Assert.Equal(10, suite.PairedItems);
        var change = Assert.IsType<DefinitionChange>(suite.DefinitionChange);
        Assert.True(change.KeysKnown);
        Assert.Equal("generation.max_tokens: 512 → 1024", Assert.Single(change.Keys).Text);
        Assert.Equal("generation.max_tokens", change.Keys[0].Key);
    }

    [Theory]
    [InlineData(DefinitionChangePolicy.Warn, Verdict.Warn)]
    [InlineData(DefinitionChangePolicy.Fail, Verdict.Fail)]
    [InlineData(DefinitionChangePolicy.Accept, Verdict.Pass)]
    public async Task The_verdict_follows_on_definition_change(DefinitionChangePolicy policy, Verdict expected)
    {
        var (@base, head) = await MaxTokensAsync(512, 1024);
        var gates = new Dictionary<string, GateSettings> { ["qa"] = GateSettings.Default with { OnDefinitionChange = policy } };

        var result = Gate.Evaluate(Comparer.Compare(LoadedRun.Load(@base), LoadedRun.Load(head), new CompareOptions(Gates: gates)), gates);

        Assert.Equal(expected, result.Overall);
        Assert.Contains(result.Suites.Single().Reasons, r => r.Contains("generation.max_tokens: 512 → 1024", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Accept_changes_overrides_a_failing_policy()
    {
        var (@base, head) = await MaxTokensAsync(512, 1024);
        var gates = new Dictionary<string, GateSettings> { ["qa"] = GateSettings.Default with { OnDefinitionChange = DefinitionChangePolicy.Fail } };

        var result = Gate.Evaluate(Comparer.Compare(LoadedRun.Load(@base), LoadedRun.Load(head), new CompareOptions(AcceptChanges: true, Gates: gates)), gates);

        Assert.Equal(Verdict.Pass, result.Overall);
    }

    [Fact]
    public async Task A_base_without_a_recorded_definition_says_the_keys_are_unknown()
    {
        var @base = await new RunBuilder { DefinitionHash = "def-old" }.Items(10, _ => 1).WriteAsync(Path.Combine(root, "base"));
        var head = await new RunBuilder { DefinitionHash = "def-new", Definition = Definition(1024) }.Items(10, _ => 1).WriteAsync(Path.Combine(root, "head"));

        var result = Gate.Evaluate(Comparer.Compare(LoadedRun.Load(@base), LoadedRun.Load(head), new CompareOptions()), new Dictionary<string, GateSettings>());

        var change = result.Suites.Single().Suite.DefinitionChange!;
        Assert.False(change.KeysKnown);
        Assert.Equal(Verdict.Warn, result.Overall);
        Assert.Contains(result.Suites.Single().Reasons, r => r.StartsWith("definition changed (keys unknown: base recorded by an older cigate)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_changed_dataset_is_a_change_with_its_own_line()
    {
        var @base = await new RunBuilder().Items(10, _ => 1).WriteAsync(Path.Combine(root, "base"));
        var head = await new RunBuilder { DatasetSha = "data-2" }.Items(12, _ => 1).WriteAsync(Path.Combine(root, "head"));

        var suite = Comparer.Compare(LoadedRun.Load(@base), LoadedRun.Load(head), new CompareOptions()).Suites.Single();

        Assert.Equal(10, suite.PairedItems);
        Assert.Equal(2, suite.HeadOnlyItems);
        Assert.Contains(suite.DefinitionChange!.Keys, k => k.Text == "dataset content: sha256 data-1 → data-2, 10 → 12 records");
    }

    [Fact]
    public void A_template_change_counts_changed_lines()
    {
        var before = Result(new JsonObject { ["prompt"] = new JsonObject { ["template"] = "Question:\n{{ q }}\nOptions:\n{{ o }}\nAnswer:" } });
        var after = Result(new JsonObject { ["prompt"] = new JsonObject { ["template"] = "Q:\n{{ q }}\nChoices:\n{{ o }}\nA:" } });

        var change = DefinitionDiff.Between(before, after, ["the prompt template changed"], DefinitionChangePolicy.Warn);

        Assert.Equal("prompt.template: 3 lines changed", Assert.Single(change.Keys).Text);
    }

    [Fact]
    public async Task Changed_keys_are_placed_on_their_config_line()
    {
        var config = Path.Combine(root, "cigate.yml");
        await File.WriteAllTextAsync(config, """
            targets:
              t: { model: m }
            suites:
              qa:
                preset: mmlu-pro
                generation:
                  temperature: 0
                  max_tokens: 1024
            """, TestContext.Current.CancellationToken);
        var (@base, head) = await MaxTokensAsync(512, 1024);

        var suite = Comparer.Compare(LoadedRun.Load(@base), LoadedRun.Load(head), new CompareOptions(ConfigPath: config)).Suites.Single();

        var key = suite.DefinitionChange!.Keys.Single();
        Assert.Equal((config, 8), (key.File, key.Line));
        Assert.Equal(4, suite.DefinitionChange.Line);
        Assert.Equal((config, 4), ConfigLines.Load(config).Find("qa", "scoring.filters")); // set by the preset: the suite's line
        Assert.Null(ConfigLines.Load(config).Find("other", "generation.max_tokens"));
    }

    [Fact]
    public async Task Without_a_base_the_verdict_is_inconclusive_when_required_and_none_otherwise()
    {
        var head = LoadedRun.Load(await new RunBuilder().Items(10, _ => 1).WriteAsync(Path.Combine(root, "head")));
        var gated = Gate.Evaluate(Comparer.Compare(LoadedRun.Missing(null), head, new CompareOptions()), new Dictionary<string, GateSettings>());

        var required = Gate.WithoutBase(gated, new NoBase("no artifact for the base commit", Required: true));
        var optional = Gate.WithoutBase(gated, new NoBase("no artifact for the base commit", Required: false));

        Assert.Equal((Verdict.Inconclusive, 3, "inconclusive"), (required.Overall, required.ExitCode, required.VerdictName));
        Assert.Equal("no base results: no artifact for the base commit", required.Suites.Single().Reasons[0]);
        Assert.Equal((0, "none"), (optional.ExitCode, optional.VerdictName));
    }

    private async Task<(string Base, string Head)> MaxTokensAsync(int before, int after) => (
        await new RunBuilder { DefinitionHash = $"def-{before}", Definition = Definition(before) }.Items(10, _ => 1).WriteAsync(Path.Combine(root, "base")),
        await new RunBuilder { DefinitionHash = $"def-{after}", Definition = Definition(after) }.Items(10, _ => 1).WriteAsync(Path.Combine(root, "head")));

    private static JsonObject Definition(int maxTokens) => new()
    {
        ["kind"] = "accuracy",
        ["generation"] = new JsonObject { ["max_tokens"] = maxTokens, ["temperature"] = 0.0 },
    };

    private static Results.SuiteResult Result(JsonObject definition) => new(
        "qa", "accuracy", "t", "m", [], "h", null, null, new Results.ResultCounts(0, 1, 0, 0, 0, 0, 0, new Dictionary<string, int>()),
        new Dictionary<string, Results.MetricSummary>(), null, null, null, new Results.UsageSummary(0, 0, 0, 0, 0, 0), definition);
}
