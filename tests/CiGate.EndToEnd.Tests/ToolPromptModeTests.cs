using System.Text.Json.Nodes;
using CiGate.Cli;
using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// <c>mode: prompt</c> through the command line against the simulator: no tools go through the API,
/// the model writes its calls as text (<c>[lookup_order(order_id="A1001")]</c>), CiGate parses and runs
/// them against the mocks, sends the results back as a user message, and the trajectory assertions apply.
/// </summary>
public sealed class ToolPromptModeTests
{
    private const string Script = """
        - match: "Results of the calls"
          reply: "Your order has shipped with DHL."
        - match: "Where is my order"
          reply: '[lookup_order(order_id="A1001"), lookup_order(order_id=''B2002'')]'
        - match: "Hello"
          reply: "Hello! (no function fits a greeting)"
        """;

    [Fact]
    public async Task Calls_written_as_text_run_against_the_mocks_and_are_scored_like_api_calls()
    {
        using var folder = new TempFolder();
        folder.Write("script.yaml", Script);
        var config = folder.Write("cigate.yml", """
            version: 1
            targets:
              sim: { model: text-caller, simulator: { scripts: [script.yaml] } }
            suites:
              desk:
                kind: tools
                mode: prompt
                tools:
                  - type: function
                    function:
                      name: lookup_order
                      parameters: { type: object, properties: { order_id: { type: string } } }
                    mock:
                      cases:
                        - { when: { order_id: A1001 }, result: { status: shipped } }
                        - { when: { order_id: B2002 }, error: "no such order" }
                tests:
                  - id: lookup
                    turns: ["Where is my order A1001?"]
                    expect:
                      sequence: { mode: strict, calls: [lookup_order, lookup_order] }
                      arguments: [ { name: lookup_order, arguments: { order_id: B2002 } } ]
                      steps: { max: 2 }
                    assert: [ { type: icontains, value: dhl } ]
                  - id: greeting
                    turns: ["Hello"]
                    expect: { not_used: [lookup_order], steps: { max: 1 } }
            """);

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(
            ["run", config, "--out", folder.File("out"), "--quiet"],
            TextWriter.Synchronized(stdout),
            TextWriter.Synchronized(stderr));

        Assert.True(code == 0, $"{stdout}{stderr}");
        var items = File.ReadLines(folder.File("out/items.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.All(items, i => Assert.True((string?)i["extracted"]!["pass"] == "pass", i.ToJsonString()));
        var lookup = items.Single(i => (string?)i["item"] == "lookup");
        var trajectory = JsonNode.Parse((string)lookup["extracted"]!["trajectory"]!)!;
        var calls = trajectory["calls"]!.AsArray();
        Assert.Equal(
            ["""{"order_id":"A1001"}""", """{"order_id":"B2002"}"""], calls.Select(c => (string)c!["arguments"]!));
        Assert.Equal("""{"status":"shipped"}""", (string)calls[0]!["result"]!);
        Assert.True((bool)calls[1]!["error"]!);
        Assert.Equal(2, (int)trajectory["steps"]!);
    }
}
