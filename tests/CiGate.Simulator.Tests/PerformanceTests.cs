using System.Text.Json;
using CiGate.Simulator.Protocol;
using CiGate.Simulator.Tests.Support;

namespace CiGate.Simulator.Tests;

/// <summary>The simulator as a server under load: exact lengths, usage options, chunk timestamps, slowdown.</summary>
public sealed class PerformanceTests
{
    [Theory]
    [InlineData(1, 0, 1)]
    [InlineData(300, 0, 300)]
    [InlineData(2, 0, 2)]
    [InlineData(5, 40, 5)]
    public void Min_tokens_pads_the_reply_and_max_tokens_still_cuts_it(int max, int min, int expected)
    {
        var plan = ReplyPlan.Create("The answer is (B).", [], max, Math.Max(min, max));
        Assert.Equal(expected, plan.CompletionTokens);
        Assert.Equal(plan.Text.Length, plan.TokenEnds[^1]);
    }

    [Fact]
    public async Task Ignore_eos_streams_exactly_max_tokens_with_continuous_usage_and_timestamps()
    {
        var options = new SimulatorOptions { Performance = new PerformanceOptions { SendTimestamps = true } };
        await using var server = await SimulatorServer.StartAsync(options, TestContext.Current.CancellationToken);
        using var client = new HttpClient();
        var body = SimHttp.Chat("cigate-sim", "Say something.", stream: true);
        body["max_tokens"] = 50;
        body["ignore_eos"] = true;
        body["stream_options"] = new Dictionary<string, object> { ["include_usage"] = true, ["continuous_usage_stats"] = true };

        using var response = await SimHttp.PostAsync(client, server, "chat/completions", body);
        var (events, done) = await SimHttp.ReadSseAsync(response);

        Assert.True(done);
        var tokens = events.Where(e => e.GetProperty("choices").GetArrayLength() > 0 && e.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var c) && c.GetString() is { Length: > 0 }).ToList();
        Assert.Equal(50, tokens.Count);
        Assert.Equal(Enumerable.Range(1, 50), tokens.Select(t => t.GetProperty("usage").GetProperty("completion_tokens").GetInt32()));
        var stamps = tokens.Select(t => t.GetProperty("cigate_sent_ts").GetInt64()).ToList();
        Assert.True(stamps.SequenceEqual(stamps.Order()));
        Assert.Equal(50, events[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task A_server_without_usage_sends_none_even_when_asked()
    {
        var options = new SimulatorOptions { Performance = new PerformanceOptions { SendUsage = false } };
        await using var server = await SimulatorServer.StartAsync(options, TestContext.Current.CancellationToken);
        using var client = new HttpClient();
        var body = SimHttp.Chat("cigate-sim", "Say something.", stream: true);
        body["stream_options"] = new Dictionary<string, object> { ["include_usage"] = true };

        using var response = await SimHttp.PostAsync(client, server, "chat/completions", body);
        var (events, _) = await SimHttp.ReadSseAsync(response);

        Assert.All(events, e => Assert.False(e.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object));
    }

    [Fact]
    public void Invalid_performance_options_are_refused()
    {
        var options = new SimulatorOptions { Performance = new PerformanceOptions { Slowdown = 0 } };
        Assert.Throws<ArgumentException>(options.Validate);
    }
}
