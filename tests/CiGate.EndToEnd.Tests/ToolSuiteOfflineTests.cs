using System.Net;
using System.Text.Json.Nodes;
using CiGate.Cli;
using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// examples/tools runs offline: while it runs twice through the command line, every TCP connection
/// the process opens goes to a port that the process itself listens on (the simulator it started,
/// on loopback), as many connections are accepted as opened, no name is resolved, and the two runs
/// give identical items. Alone in its collection: socket telemetry is process-wide.
/// </summary>
[Collection(nameof(SocketCountCollection))]
public sealed class ToolSuiteOfflineTests
{
    [Fact]
    public async Task The_support_desk_example_connects_only_to_the_simulator_and_repeats_its_items()
    {
        using var folder = new TempFolder();
        var config = Path.Combine(Repository.Root(), "examples", "tools", "cigate.yml");
        List<string> first, second;
        using (var sockets = new SocketEvents())
        {
            first = await RunAsync(config, folder.File("a"));
            second = await RunAsync(config, folder.File("b"));

            // Each run started its simulator on a free port, which results.json records as the target's URL.
            var simulators = new[] { "a", "b" }.Select(r => SimulatorPort(folder.File(r))).ToHashSet();
            var connects = sockets.Connects.ToList();
            Assert.Equal(2, simulators.Count);
            Assert.NotEmpty(connects);
            Assert.All(connects, c =>
            {
                Assert.NotNull(c);
                Assert.True(IPAddress.IsLoopback(c.Address), $"a connection to {c}");
                Assert.Contains(c.Port, simulators);
            });
            Assert.Equal(simulators, connects.Select(c => c!.Port).ToHashSet());
            // ...and the process accepted them (the simulator): every accept answers a connect of ours. Not
            // always all of them: a spare connection the HTTP pool opened can still wait in the backlog
            // when the simulator stops.
            Assert.Equal(connects.Count, sockets.Connected);
            Assert.InRange(sockets.Accepted, 1, sockets.Connected);
            Assert.DoesNotContain(sockets.Resolved, r => r is not ("127.0.0.1" or "localhost" or "::1"));
        }

        Assert.Equal(first, second);
        Assert.Equal(4, first.Count); // 2 cases × 2 repeats
    }

    [Fact]
    public async Task The_replay_example_answers_its_live_tool_from_the_committed_file_without_connecting_to_it()
    {
        using var folder = new TempFolder();
        var config = Path.Combine(Repository.Root(), "examples", "tools", "replay", "cigate.yml");
        List<string> items;
        using (var sockets = new SocketEvents())
        {
            items = await RunAsync(config, folder.File("out"));

            // live.url is 127.0.0.1:8080: a replaying run connects to the simulator only.
            var simulator = SimulatorPort(folder.File("out"));
            Assert.NotEmpty(sockets.Connects);
            Assert.All(sockets.Connects, c => Assert.Equal(simulator, c?.Port));
        }

        var item = JsonNode.Parse(Assert.Single(items))!;
        Assert.Equal("pass", (string?)item["extracted"]!["pass"]);
        var trajectory = JsonNode.Parse((string)item["extracted"]!["trajectory"]!)!;
        Assert.Equal("""{"status": "shipped", "carrier": "DHL"}""", (string?)trajectory["calls"]![0]!["result"]);
    }

    private static int SimulatorPort(string folder)
    {
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "results.json")))!;
        var url = results.ToJsonString();
        var match = System.Text.RegularExpressions.Regex.Match(url, @"http://127\.0\.0\.1:(\d+)/v1");
        Assert.True(match.Success, "results.json names no simulator URL");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>One run; its items without latency (the one field that differs between runs), sorted.</summary>
    private static async Task<List<string>> RunAsync(string config, string output)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(
            ["run", config, "--out", output, "--quiet"],
            TextWriter.Synchronized(stdout),
            TextWriter.Synchronized(stderr));
        Assert.True(code == 0, $"{stdout}{stderr}");
        return [.. File.ReadLines(Path.Combine(output, "items.jsonl"))
            .Select(l => JsonNode.Parse(l)!.AsObject())
            .Select(o =>
            {
                o.Remove("latency_ms");
                return o.ToJsonString();
            })
            .Order(StringComparer.Ordinal)];
    }
}
