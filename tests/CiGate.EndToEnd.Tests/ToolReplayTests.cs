using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CiGate.Cli;
using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// Record and replay of live tools through the command line: <c>run --record-tools</c> calls a real
/// tool server (Apps/tool_server.py, a process on 127.0.0.1) and writes the suite's replay file; a
/// plain run with the server gone answers from the file alike; a call the file lacks fails its case
/// by name (replay-miss) and the run still completes.
/// </summary>
public sealed class ToolReplayTests
{
    private const string Script = """
        - match: "A1001"
          tool_call: lookup_order
          arguments: '{"order_id": "A1001"}'
          reply: "Your order has shipped."
        - match: "X999"
          tool_call: lookup_order
          arguments: '{"order_id": "X999"}'
          reply: "I cannot find that order."
        - match: "B2002"
          tool_call: lookup_order
          arguments: '{"order_id": "B2002"}'
          reply: "Let me check."
        """;

    [Fact]
    public async Task Recorded_calls_replay_without_the_server_and_an_unrecorded_call_fails_by_name()
    {
        using var folder = new TempFolder();
        folder.Write("script.yaml", Script);
        using var server = await ToolServer.StartAsync();
        var recorded = folder.Write("recorded.yml", Config(server.Root, ["A1001", "X999"]));

        var record = await RunAsync("run", recorded, "--record-tools", "--out", folder.File("record"), "--quiet");

        Assert.True(record.Code == 0, record.Output);
        Assert.Contains("recording the live tools of desk", record.Output, StringComparison.Ordinal);
        var calls = await server.CallsAsync();
        Assert.True(calls.Count == 2, $"{string.Join("\n", calls)}\n{File.ReadAllText(folder.File("calls.jsonl"))}");
        var lines = File.ReadAllLines(folder.File("calls.jsonl"));
        Assert.Equal(
            [
                """{"tool":"lookup_order","arguments":{"order_id":"A1001"}"""
                    + ""","result":"{\"status\": \"shipped\", \"carrier\": \"DHL\"}","error":false}""",
                """{"tool":"lookup_order","arguments":{"order_id":"X999"},"result":"{\"error\":\"HTTP 404 from """
                    + new Uri(server.Root, "lookup_order")
                    + """: {\\\"error\\\": \\\"no such order\\\"}\"}","error":true}""",
            ],
            lines);

        // act: replay with the server gone
        server.Dispose();
        var replay = await RunAsync("run", recorded, "--out", folder.File("replay"), "--quiet");

        Assert.True(replay.Code == 0, replay.Output);
        Assert.Equal(Trajectories(folder.File("record")), Trajectories(folder.File("replay")));
        Assert.Equal("pass", Item(folder.File("replay"), "A1001")["extracted"]!["pass"]!.GetValue<string>());

        // act: a case whose call was never recorded
        var missing = folder.Write("missing.yml", Config(server.Root, ["A1001", "X999", "B2002"]));
        var miss = await RunAsync("run", missing, "--out", folder.File("miss"), "--quiet");

        Assert.True(miss.Code == 0, miss.Output);
        var item = Item(folder.File("miss"), "B2002");
        Assert.Null(item["error"]);
        Assert.Equal(
            """fail: replay-miss: lookup_order {"order_id":"B2002"} is not recorded in calls.jsonl; """
            + "record it with cigate run --record-tools",
            item["extracted"]!["pass"]!.GetValue<string>());
        Assert.Equal("pass", Item(folder.File("miss"), "A1001")["extracted"]!["pass"]!.GetValue<string>());
        Assert.Equal(lines, File.ReadAllLines(folder.File("calls.jsonl")));
    }

    private static string Config(Uri root, string[] orders) => $$"""
        version: 1
        targets:
          sim: { model: desk-bot, simulator: { scripts: [script.yaml] } }
        suites:
          desk:
            kind: tools
            replay: calls.jsonl
            tools:
              - type: function
                function:
                  name: lookup_order
                  parameters: { type: object, properties: { order_id: { type: string } }, required: [order_id] }
                live: { url: "{{new Uri(root, "lookup_order")}}" }
            tests:
        {{string.Join("\n", orders.Select(o => $$"""
              - id: {{o}}
                turns: ["Where is my order {{o}}?"]
                expect: { used: [lookup_order] }
        """))}}
        """;

    private static JsonObject Item(string folder, string id) =>
        File.ReadLines(Path.Combine(folder, "items.jsonl"))
            .Select(l => JsonNode.Parse(l)!.AsObject())
            .Single(o => (string?)o["item"] == id);

    private static List<string> Trajectories(string folder) =>
        [.. File.ReadLines(Path.Combine(folder, "items.jsonl"))
            .Select(l => JsonNode.Parse(l)!)
            .Select(o => $"{o["item"]}: {o["extracted"]!["trajectory"]}")
            .Order(StringComparer.Ordinal)];

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr));
        return (code, $"{stdout}{stderr}");
    }

    /// <summary>Apps/tool_server.py as a real process; disposing kills it.</summary>
    private sealed class ToolServer : IDisposable
    {
        private readonly Process process;

        private ToolServer(Process process, Uri root)
        {
            this.process = process;
            Root = root;
        }

        public Uri Root { get; }

        public static async Task<ToolServer> StartAsync()
        {
            var script = Path.Combine(AppContext.BaseDirectory, "Apps", "tool_server.py");
            var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
            info.ArgumentList.Add(script);
            var process = Process.Start(info)!;
            var ct = TestContext.Current.CancellationToken;
            var line = await process.StandardOutput.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(20), ct);
            Assert.True(line?.StartsWith("listening ", StringComparison.Ordinal) == true, $"no tool server: '{line}'");
            return new ToolServer(process, new Uri(line!["listening ".Length..] + "/"));
        }

        public async Task<List<JsonElement>> CallsAsync()
        {
            using var http = new HttpClient();
            var text = await http.GetStringAsync(new Uri(Root, "stats"), TestContext.Current.CancellationToken);
            var calls = JsonDocument.Parse(text).RootElement.GetProperty("calls");
            return [.. calls.EnumerateArray().Select(e => e.Clone())];
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
