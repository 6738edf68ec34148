using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Tools;
using CiGate.Core.Suites.Tools.Bfcl;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Suites.Tools;

public sealed class ToolsConfigTests : IDisposable
{
    private const string Tools = """
            tools:
              - type: function
                function: { name: lookup, parameters: { type: object, properties: { id: { type: string } } } }
                mock:
                  cases: [ { when: { id: A1 }, result: { status: shipped } } ]
                  max_calls: 2
              - type: function
                function: { name: update, parameters: { type: object, properties: { city: { type: string } } } }
                mock: { writes: { city: city } }
        """;

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Tools_are_sent_without_their_mocks_and_cases_keep_their_turns_and_expectations()
    {
        var suite = Load($$"""
            {{Tools}}
                state: { city: Oslo }
                max_steps: 5
                generation: { repeats: 3 }
                tests:
                  - id: move
                    turns: [ "Where is A1?", "Move it to Rome" ]
                    expect:
                      sequence: { mode: unordered, calls: [ lookup, update ] }
                      final_state: { city: Rome }
                    assert: [ { type: icontains, value: rome } ]
            """);

        Assert.Equal(2, suite.Tools.Count);
        Assert.DoesNotContain("mock", suite.Tools.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(2, suite.Mocks["lookup"].MaxCalls);
        Assert.Equal("city", suite.Mocks["update"].Writes["city"]);
        Assert.Equal("Oslo", (string?)suite.InitialState["city"]);
        Assert.Equal((5, 3), (suite.MaxSteps, suite.Repeats));
        var testCase = Assert.Single(suite.Cases);
        Assert.Equal(["Where is A1?", "Move it to Rome"], testCase.Turns);
        Assert.Equal(SequenceMode.Unordered, testCase.Expect.Mode);
        Assert.Single(testCase.Assertions);
    }

    [Theory]
    [InlineData("mode: text\n    tests: [ { turns: [ hi ] } ]", DiagnosticCodes.ToolsModeUnsupported, 10)]
    [InlineData("tests: [ { turns: [ hi ], expect: { used: [ refund ] } } ]", DiagnosticCodes.ToolsUnknownTool, 10)]
    [InlineData("bfcl: { dataset: no-such-folder }", DiagnosticCodes.ToolsBfclDatasetMissing, 10)]
    [InlineData("tests: [ { turns: [ hi ] } ]\n    extra: 1", DiagnosticCodes.UnknownKey, 11)]
    public void Mistakes_are_one_line_diagnostics_with_a_position(string yaml, string code, int line)
    {
        var error = Assert.Throws<CiGateException>(() => Load($"{Tools}\n    {yaml}"));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(line + 4, diagnostic.Line);
        Assert.True(diagnostic.Column > 0);
    }

    [Fact]
    public void The_bfcl_preset_runs_the_five_categories_and_a_suite_may_narrow_them()
    {
        var dataset = BfclData.Folder().Replace('\\', '/');
        var all = Load($$"""
            preset: bfcl
                bfcl: { dataset: "{{dataset}}" }
            """);
        var two = Load($$"""
            preset: bfcl
                bfcl: { dataset: "{{dataset}}", categories: [ parallel, irrelevance ], limit: 3 }
            """);

        Assert.Equal(BfclCategories.All, all.Bfcl!.Categories);
        Assert.Equal(1240, all.Bfcl.Items().Count);
        Assert.Equal(1, all.MaxSteps);
        Assert.Equal(["parallel_0", "parallel_1", "parallel_2", "irrelevance_0", "irrelevance_1", "irrelevance_2"],
            two.Bfcl!.Items().Select(i => i.Id));
    }

    [Theory]
    [InlineData("", "the tool 'ask' is live, so the suite needs 'replay: FILE'")]
    [InlineData("replay: calls.jsonl\n    ", "'suites.s.tools[0].live': a tool is either mocked ('mock:') or recorded")]
    [InlineData("replay: bad.jsonl\n    ", "bad.jsonl:2: not a recorded call")]
    public void A_live_tool_needs_a_replay_file_no_mock_and_a_readable_file(string replay, string message)
    {
        folder.Write("bad.jsonl", "{\"tool\":\"ask\",\"arguments\":{},\"result\":\"ok\"}\n[1]\n");
        var mock = replay.StartsWith("replay: calls", StringComparison.Ordinal) ? "mock: { result: 1 }" : "";

        var error = Assert.Throws<CiGateException>(() => Load($$"""
            {{replay}}tools:
                  - type: function
                    function: { name: ask, parameters: { type: object, properties: {} } }
                    live: { url: "http://127.0.0.1:9/ask" }
                    {{mock}}
                tests: [ { turns: [ hi ] } ]
            """));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(DiagnosticCodes.ToolMockInvalid, diagnostic.Code);
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replay_file_keys_calls_by_tool_and_canonical_arguments()
    {
        var path = folder.Write("calls.jsonl", """
            {"tool":"ask","arguments":{"b":[1,{"y":2,"x":1}],"a":"é"},"result":"yes","error":false}
            """);
        var suite = Load("""
            replay: calls.jsonl
                tools:
                  - type: function
                    function: { name: ask, parameters: { type: object, properties: {} } }
                    live: { url: "http://127.0.0.1:9/ask" }
                tests: [ { turns: [ hi ] } ]
            """);

        var arguments = (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(
            """{"a":"é","b":[1,{"x":1,"y":2}]}""")!;
        Assert.True(suite.Replay!.TryGet("ask", arguments, out var result));
        Assert.Equal(("yes", false), (result.Content, result.IsError));
        Assert.False(suite.Replay.TryGet("other", arguments, out _));
        Assert.Equal(new Uri("http://127.0.0.1:9/ask"), suite.Mocks["ask"].Live);
        Assert.True(File.Exists(path));
    }

    private ToolsSuite Load(string body) => (ToolsSuite)ConfigLoader.Load(folder.Write("cigate.yml", $$"""
        targets: { t: { base_url: "http://127.0.0.1:9/v1", model: m } }
        suites:
          s:
            kind: tools
            {{body.TrimStart()}}
        """)).Suites.Single();
}
