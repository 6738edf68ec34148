using System.Diagnostics;
using System.Text.Json.Nodes;
using CiGate.Cli;
using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// Targets that run their own agent loop (ExecApps/agent.py, an exec process and an http server)
/// return each call with its result next to their answer; a tools suite takes that as the trajectory
/// (no mock runs) and its trajectory and text assertions apply unchanged.
/// </summary>
public sealed class ToolTrajectoryTargetTests
{
    [Fact]
    public async Task Exec_and_http_targets_report_their_own_trajectory_and_the_same_assertions_apply()
    {
        using var folder = new TempFolder();
        using var http = await HttpAgent.StartAsync();
        var agent = Path.Combine(AppContext.BaseDirectory, "ExecApps", "agent.py");
        var config = folder.Write("cigate.yml", $$"""
            version: 1
            targets:
              exec-agent: { type: exec, command: "python3 -u '{{agent}}'", timeout: 10s }
              http-agent:
                type: http
                url: "{{http.Root}}agent"
                body: { history: "{{"{{"}} messages | json {{"}}"}}" }
                response: { output: /answer, tool_calls: /steps }
            suites:
              desk:
                kind: tools
                tools:
                  - { type: function, function: { name: lookup_order, parameters: { type: object } } }
                  - type: function
                    function: { name: update_address, parameters: { type: object } }
                    mock: { result: { mocked: true } }
                  - { type: function, function: { name: refund_order, parameters: { type: object } } }
                tests:
                  - id: three-turns
                    turns: ["Where is my order A1001?", "Change the address to 5 New Street.", "Refund it?"]
                    expect:
                      sequence: { mode: strict, calls: [lookup_order, update_address, refund_order] }
                      arguments: [ { name: update_address, arguments: { address: "5 New Street" } } ]
                      steps: { max: 3 }
                    assert: [ { type: icontains, value: human } ]
                  - id: wrong-expectation
                    turns: ["Hello"]
                    expect: { used: [lookup_order] }
            """);

        var run = await RunAsync("run", config, "--out", folder.File("out"), "--quiet", "--allow-commands");

        Assert.True(run.Code == 0, run.Output);
        foreach (var target in new[] { "exec-agent", "http-agent" })
        {
            var item = Item(folder.File("out"), target, "three-turns");
            Assert.True((string?)item["extracted"]!["pass"] == "pass", item.ToJsonString());
            var trajectory = JsonNode.Parse((string)item["extracted"]!["trajectory"]!)!;
            Assert.Equal(3, (int)trajectory["steps"]!);
            var calls = trajectory["calls"]!.AsArray();
            Assert.Equal(["lookup_order", "update_address", "refund_order"], calls.Select(c => (string)c!["name"]!));
            // the app's own results, not the mock's
            Assert.Equal("""{"status":"shipped","carrier":"DHL"}""", (string)calls[0]!["result"]!);
            Assert.Equal("""{"updated":true}""", (string)calls[1]!["result"]!);
            Assert.Equal("refunds need a human agent", (string)calls[2]!["result"]!);
            Assert.True((bool)calls[2]!["error"]!);
            Assert.Equal([0, 1, 2], calls.Select(c => (int)c!["turn"]!));
            var wrong = Item(folder.File("out"), target, "wrong-expectation");
            Assert.Equal(
                "fail: tool-used: expected a call of lookup_order; called no tool",
                (string?)wrong["extracted"]!["pass"]);
        }
    }

    private static JsonObject Item(string folder, string target, string id) =>
        File.ReadLines(Path.Combine(folder, "items.jsonl"))
            .Select(l => JsonNode.Parse(l)!.AsObject())
            .Single(o => (string?)o["item"] == id && (string?)o["target"] == target);

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr));
        return (code, $"{stdout}{stderr}");
    }

    /// <summary>ExecApps/agent.py --http as a real process; disposing kills it.</summary>
    private sealed class HttpAgent : IDisposable
    {
        private readonly Process process;

        private HttpAgent(Process process, Uri root)
        {
            this.process = process;
            Root = root;
        }

        public Uri Root { get; }

        public static async Task<HttpAgent> StartAsync()
        {
            var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ExecApps", "agent.py"));
            info.ArgumentList.Add("--http");
            var process = Process.Start(info)!;
            var ct = TestContext.Current.CancellationToken;
            var line = await process.StandardOutput.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(20), ct);
            Assert.True(line?.StartsWith("listening ", StringComparison.Ordinal) == true, $"no agent app: '{line}'");
            return new HttpAgent(process, new Uri(line!["listening ".Length..] + "/"));
        }

        public void Dispose()
        {
            try
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // already exited
            }

            process.Dispose();
        }
    }
}
