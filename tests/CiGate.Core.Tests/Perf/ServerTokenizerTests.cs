using System.Text.Json;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Perf;
using CiGate.Core.Suites.Perf.Server;
using CiGate.Core.Suites.Perf.Telemetry;

namespace CiGate.Core.Tests.Perf;

/// <summary>`tokenizer: server`: prompt lengths exact by the target's own /tokenize, in few calls.</summary>
[Collection(PerfHarness.Collection)]
public sealed class ServerTokenizerTests
{
    [Fact]
    public async Task Prompts_have_exactly_the_requested_tokens_by_the_servers_count()
    {
        var run = await PerfHarness.RunAsync("""
            workload: { prompt_tokens: 40, prefix_tokens: 10, output_tokens: 4, tokenizer: server }
            profile: synchronous
            max_requests: 6
            """);

        // The simulator's usage counts with the same tokenizer its /tokenize uses.
        Assert.Equal(6, run.Requests.Count);
        Assert.All(run.Requests, r => Assert.True(r.UsageReported && r.PromptTokens == 40, $"request {r.Index}: {r.PromptTokens} prompt tokens"));
    }

    [Fact]
    public async Task Calibrates_on_a_few_prompts_then_sizes_the_rest_without_a_call()
    {
        // arrange: a tokenizer that adds a BOS token to one token per word.
        var calls = 0;
        using var server = new FakeHttpServer((path, body) =>
        {
            Interlocked.Increment(ref calls);
            var prompt = JsonDocument.Parse(body).RootElement.GetProperty("prompt").GetString()!;
            return (200, $"{{\"count\": {prompt.Split(' ').Length + 1}, \"max_model_len\": 4096}}");
        });
        using var endpoints = new ServerEndpoints(TelemetryTests.Target(server.BaseUrl));
        var workload = new WorkloadSpec(new LengthSpec(LengthDistribution.Uniform, 40, 0, 20, 60), LengthSpec.Fixed(8), 0, ServerPromptFitter.TokenizerName, null, "prompt", true, false, null, 7);
        var factory = new PromptFactory(workload);

        // act
        var prompts = await ServerPromptFitter.FitAsync(factory, 200, new ServerTokenCounter(endpoints, "m"), TestContext.Current.CancellationToken);

        // assert: every prompt is exactly its drawn length, words + BOS, and most took no call.
        Assert.Equal(200, prompts.Count);
        Assert.All(prompts.Select((p, i) => (p, i)), x => Assert.Equal(factory.Lengths(x.i).PromptTokens, x.p.PromptTokens));
        Assert.All(prompts, p => Assert.Equal(p.PromptTokens, p.Text.Split(' ').Length + 1));
        Assert.True(calls <= 2 * ServerPromptFitter.Calibration, $"{calls} calls to /tokenize");
    }

    [Fact]
    public async Task A_server_without_tokenize_is_a_clear_error()
    {
        using var server = new FakeHttpServer((_, _) => (404, "{\"detail\":\"Not Found\"}"));
        using var endpoints = new ServerEndpoints(TelemetryTests.Target(server.BaseUrl));
        var counter = new ServerTokenCounter(endpoints, "m");

        var error = await Assert.ThrowsAsync<CiGateException>(() => counter.CountAsync("hello world", TestContext.Current.CancellationToken));

        Assert.Equal(DiagnosticCodes.EndpointMissing, error.Diagnostics[0].Code);
        Assert.Contains("needs the target's /tokenize endpoint", error.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains($"{server.Root}tokenize answered 404", error.Diagnostics[0].Message, StringComparison.Ordinal);
    }
}
