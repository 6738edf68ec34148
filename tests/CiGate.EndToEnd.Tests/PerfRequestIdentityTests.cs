using System.Text.Json;
using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// What a perf run sends, seen from a real loopback server: the same prompts from two separate
/// `cigate` processes (the seed goes through a stable hash, not .NET's per-process one), and in
/// requests.jsonl each request's `request_id`, the X-Request-ID header the server received (the
/// warm-up requests before a load point are sent with ids too, and recorded nowhere).
/// </summary>
public sealed class PerfRequestIdentityTests
{
    [Fact]
    public async Task Two_cigate_processes_send_byte_identical_request_bodies_for_one_config()
    {
        using var folder = new TempFolder();
        await using var server = new RecordingSseServer();
        var config = WriteConfig(folder, server.BaseUrl, concurrency: 1, requests: 12);

        var first = await RunAsync(folder, config, "first");
        var firstBodies = BodiesByIndex(server, folder.File("first"));
        lock (server.Requests)
        {
            server.Requests.Clear();
        }

        var second = await RunAsync(folder, config, "second");
        var secondBodies = BodiesByIndex(server, folder.File("second"));

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(12, firstBodies.Count);
        Assert.Equal(firstBodies.Keys.Order(), secondBodies.Keys.Order());
        foreach (var (index, body) in firstBodies)
        {
            Assert.True(body.SequenceEqual(secondBodies[index]), $"request {index} sent other bytes in the second run");
        }

        // Not one prompt repeated: the bytes compared carry the per-index prompt, not a constant.
        Assert.Equal(12, firstBodies.Values.Select(Convert.ToBase64String).Distinct().Count());
    }

    [Fact]
    public async Task Each_record_carries_the_request_id_the_server_received_under_concurrency()
    {
        using var folder = new TempFolder();
        await using var server = new RecordingSseServer();
        var config = WriteConfig(folder, server.BaseUrl, concurrency: 8, requests: 64);

        var run = await RunAsync(folder, config, "out");

        Assert.True(run.ExitCode == 0, run.ToString());
        var records = Records(folder.File("out"));
        Assert.Equal(64, records.Count);
        var seen = server.Requests.Select(r => r.RequestId).ToList();
        var ids = records.Select(r => r.RequestId).ToList();
        Assert.All(ids, id => Assert.StartsWith("cigate-", id, StringComparison.Ordinal));
        Assert.Equal(64, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Contains(id, seen));

        // Besides them, only the unrecorded warm-up: one short request per stream, each with its own id.
        Assert.Equal(64 + 8, seen.Count);
        Assert.Equal(64 + 8, seen.Distinct().Count());
    }

    private static async Task<ProcessResult> RunAsync(TempFolder folder, string config, string output) =>
        await CigateProcess.RunAsync(folder.Path, null, "run", config, "--out", folder.File(output), "--quiet");

    private static Dictionary<int, byte[]> BodiesByIndex(RecordingSseServer server, string results)
    {
        List<(string? RequestId, byte[] Body)> seen;
        lock (server.Requests)
        {
            seen = [.. server.Requests];
        }

        var byId = seen.Where(r => r.RequestId is not null).ToDictionary(r => r.RequestId!, r => r.Body);
        return Records(results).ToDictionary(r => r.Index, r => byId[r.RequestId]);
    }

    private static List<(int Index, string RequestId)> Records(string results) =>
        [.. File.ReadLines(Path.Combine(results, "requests.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => (e.GetProperty("index").GetInt32(), e.GetProperty("request_id").GetString()!))];

    private static string WriteConfig(TempFolder folder, Uri baseUrl, int concurrency, int requests) =>
        folder.Write("cigate.yml", $$"""
            version: 1
            targets:
              local:
                base_url: {{baseUrl}}
                model: m
            suites:
              latency:
                kind: perf
                targets: [local]
                workload: { prompt_tokens: 24, output_tokens: 4, tokenizer: words, seed: 7 }
                profile: concurrent
                concurrency: {{concurrency}}
                max_requests: {{requests}}
                warmup: 0%
                cooldown: 0%
            """);
}
