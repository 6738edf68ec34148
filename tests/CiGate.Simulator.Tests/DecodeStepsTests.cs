using System.Diagnostics;
using CiGate.Simulator.Tests.Support;

namespace CiGate.Simulator.Tests;

/// <summary>
/// Decode steps (<see cref="PerformanceOptions.DecodeSteps"/>): one ticker emits a token for every
/// running stream per step, as a batched server does. Streams still get every token, in order,
/// and never faster than the inter-token latency; a client that leaves does not stop the steps.
/// </summary>
public sealed class DecodeStepsTests
{
    private const int Tokens = 20;
    private static readonly TimeSpan Itl = TimeSpan.FromMilliseconds(15);

    [Fact]
    public async Task Concurrent_streams_get_every_token_in_order_at_no_faster_than_the_step()
    {
        await using var server = await StartAsync();
        using var client = new HttpClient();

        var streams = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => StreamAsync(client, server)));

        foreach (var stamps in streams)
        {
            Assert.Equal(Tokens, stamps.Count);
            Assert.True(stamps.SequenceEqual(stamps.Order()));

            // A lower bound only: a busy machine makes steps late, never early.
            var meanGapMs = (stamps[^1] - stamps[0]) * 1000.0 / Stopwatch.Frequency / (Tokens - 1);
            Assert.True(meanGapMs >= 0.8 * Itl.TotalMilliseconds, $"mean gap {meanGapMs:0.00} ms");
        }
    }

    [Fact]
    public async Task A_client_that_leaves_mid_stream_does_not_stall_the_others()
    {
        await using var server = await StartAsync();
        using var client = new HttpClient();
        using (var leaving = await SimHttp.PostAsync(client, server, "chat/completions", Body()))
        {
            await using var stream = await leaving.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
            _ = await stream.ReadAsync(new byte[64], TestContext.Current.CancellationToken);
        }

        var stamps = await StreamAsync(client, server);

        Assert.Equal(Tokens, stamps.Count);
    }

    private static Task<SimulatorServer> StartAsync() => SimulatorServer.StartAsync(
        new SimulatorOptions
        {
            InterTokenLatency = Itl,
            Performance = new PerformanceOptions { DecodeSteps = true, SendTimestamps = true },
        },
        TestContext.Current.CancellationToken);

    private static Dictionary<string, object> Body()
    {
        var body = SimHttp.Chat("cigate-sim", "Say something.", stream: true);
        body["max_tokens"] = Tokens;
        body["ignore_eos"] = true;
        return body;
    }

    private static async Task<List<long>> StreamAsync(HttpClient client, SimulatorServer server)
    {
        using var response = await SimHttp.PostAsync(client, server, "chat/completions", Body());
        var (events, done) = await SimHttp.ReadSseAsync(response);
        Assert.True(done);
        return [.. events.Where(e => e.TryGetProperty("cigate_sent_ts", out _)).Select(e => e.GetProperty("cigate_sent_ts").GetInt64())];
    }
}
