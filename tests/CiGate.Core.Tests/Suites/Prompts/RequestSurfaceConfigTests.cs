using System.Text;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Running;
using CiGate.Core.Suites.Prompts;
using CiGate.Core.Targets;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Suites.Prompts;

/// <summary>
/// Where each request key is declared: a target's request: block, a suite's and a test case's request:.
/// </summary>
public sealed class RequestSurfaceConfigTests : IDisposable
{
    private const string Tools = """[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]""";

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_target_request_block_sets_the_token_param_omissions_top_p_effort_and_extra_body()
    {
        var config = ConfigLoader.Load(folder.Write("cigate.yml", Config("""
                request:
                  token_param: max_completion_tokens
                  omit: [temperature, seed]
                  top_p: 0.9
                  reasoning_effort: low
                  extra_body: { chat_template_kwargs: { enable_thinking: false }, tenant: "${env:TENANT}" }
            """, "")));

        var request = config.Targets.Single().Config.Request;

        Assert.True(request.MaxCompletionTokens && request.OmitTemperature && request.OmitSeed);
        Assert.Equal((0.9, "low"), (request.TopP, request.ReasoningEffort));
        Assert.Equal("""{"chat_template_kwargs":{"enable_thinking":false},"tenant":"${env:TENANT}"}""", request.ExtraBody!.ToJsonString());
        Assert.Contains("TENANT", TargetSecrets.VariablesOf(config.Targets.Single().Config));
    }

    [Fact]
    public void A_config_without_request_blocks_keeps_the_default_options_and_definition()
    {
        var config = ConfigLoader.Load(folder.Write("cigate.yml", Config("", "")));
        var suite = (PromptsSuite)config.Suites.Single();

        Assert.Same(TargetRequestOptions.Default, config.Targets.Single().Config.Request);
        Assert.Null(suite.Request);
        Assert.False(suite.Describe().ContainsKey("request"));
    }

    [Fact]
    public void Suite_tools_come_from_a_file_and_a_case_overrides_the_response_format()
    {
        folder.Write("tools.json", Tools);
        var path = folder.Write("cigate.yml", Config("", """
                request:
                  tools: file://tools.json
                  tool_choice: auto
                  response_format: { type: json_object }
            """, caseRequest: "request: { response_format: { type: json_schema, json_schema: { name: w, schema: { type: object } } } }"));

        var plan = PlanBuilder.Build(ConfigLoader.Load(path)).Single();
        var suite = (PromptsSuite)plan.Suite;
        var body = Encoding.UTF8.GetString(RequestBodyWriter.Write(
            System.Text.Json.JsonEncodedText.Encode("m"),
            Request(plan)));

        Assert.Equal(Tools, suite.Request!.Tools!.ToJsonString());
        Assert.Contains(""""tool_choice":"auto","response_format":{"type":"json_schema","json_schema":{"name":"w","schema":{"type":"object"}}}}"""", body, StringComparison.Ordinal);
        Assert.Contains("\"tools\":" + Tools, body, StringComparison.Ordinal);
        Assert.True(suite.Describe().ContainsKey("request"));
    }

    [Theory]
    [InlineData("request: { tools: file://missing.json }", DiagnosticCodes.RequestFileUnreadable, "missing.json")]
    [InlineData("request: { tools: [ { type: function, function: { description: no name } } ] }", DiagnosticCodes.InvalidTools, "function.name")]
    [InlineData("request: { tool_choice: sometimes }", DiagnosticCodes.InvalidTools, "tool_choice")]
    [InlineData("request: { response_format: { type: yaml } }", DiagnosticCodes.InvalidResponseFormat, "json_schema")]
    [InlineData("request: { response_format: { type: json_schema } }", DiagnosticCodes.InvalidResponseFormat, "json_schema")]
    public void A_bad_suite_request_is_one_error_at_its_line(string request, string code, string mentions)
    {
        var error = Assert.Throws<CiGateException>(() => ConfigLoader.Load(folder.Write(
            "cigate.yml",
            Config("", "    " + request))));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(7, diagnostic.Line);
        Assert.Contains(mentions, diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("request: { extra_body: [1, 2] }", DiagnosticCodes.InvalidExtraBody)]
    [InlineData("request: { extra_body: { messages: [] } }", DiagnosticCodes.InvalidExtraBody)]
    [InlineData("request: { extra_body: { key: \"${env:oops\" } }", DiagnosticCodes.InvalidExtraBody)]
    [InlineData("request: { token_param: max_toks }", DiagnosticCodes.InvalidValue)]
    [InlineData("request: { omit: [top_p] }", DiagnosticCodes.InvalidValue)]
    public void A_bad_target_request_is_one_error_at_its_line(string request, string code)
    {
        var error = Assert.Throws<CiGateException>(() => ConfigLoader.Load(folder.Write(
            "cigate.yml",
            Config("    " + request, ""))));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(5, diagnostic.Line);
    }

    private static ModelRequest Request(ISuitePlan plan)
    {
        var suite = (PromptsSuite)plan.Suite;
        var prompts = new PromptsPlan(suite, new TargetDefinition(TestConfig(), null));
        return prompts.Request(suite.Tests[0], suite.Prompts[0], 0);
    }

    private static TargetConfig TestConfig() => Targets.TestTargets.Config(
        new Uri("http://127.0.0.1:9/v1"),
        model: "m");

    private static string Config(string targetExtra, string suiteExtra, string caseRequest = "") => $$$"""
        targets:
          t: { base_url: "http://127.0.0.1:9/v1", model: m }
        suites:
          s:
            kind: prompts
            prompts: [ { id: p, text: "Q: {{ q }}" } ]
        {{{suiteExtra}}}
            tests:
              - vars: { q: weather }
                assert: [ { type: contains, value: a } ]
                {{{caseRequest}}}
        """.Replace("  t: { base_url: \"http://127.0.0.1:9/v1\", model: m }", targetExtra.Length == 0
            ? "  t: { base_url: \"http://127.0.0.1:9/v1\", model: m }"
            : "  t:\n    base_url: \"http://127.0.0.1:9/v1\"\n    model: m\n" + targetExtra.TrimEnd(), StringComparison.Ordinal);
}
