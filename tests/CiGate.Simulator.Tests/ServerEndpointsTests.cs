using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CiGate.Simulator.Tests.Support;

namespace CiGate.Simulator.Tests;

/// <summary>The endpoints vLLM serves beside /v1, which perf sweeps probe: /health, /version, /metrics, /tokenize.</summary>
public sealed partial class ServerEndpointsTests
{
    [Fact]
    public async Task Health_and_version_answer_like_vllm()
    {
        await using var server = await Servers.StartAsync(null);
        using var client = new HttpClient();
        var root = Root(server);

        using var health = await client.GetAsync(new Uri(root, "health"), TestContext.Current.CancellationToken);
        using var version = await client.GetAsync(new Uri(root, "version"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, version.StatusCode);
        Assert.Matches(@"^cigate-sim \d+\.\d+\.\d+", (await SimHttp.JsonAsync(version)).GetProperty("version").GetString());
    }

    [Fact]
    public async Task Tokenize_counts_the_prompt_as_a_completion_reports_it()
    {
        await using var server = await Servers.StartAsync(null);
        using var client = new HttpClient();
        const string prompt = "The quick brown fox, it seems, jumps over 12 lazy dogs.";

        using var tokenized = await Post(client, new Uri(Root(server), "tokenize"), new Dictionary<string, object> { ["model"] = "cigate-sim", ["prompt"] = prompt });
        using var completion = await SimHttp.PostAsync(client, server, "completions", SimHttp.Text("cigate-sim", prompt));

        var json = await SimHttp.JsonAsync(tokenized);
        var count = json.GetProperty("count").GetInt32();
        Assert.Equal((await SimHttp.JsonAsync(completion)).GetProperty("usage").GetProperty("prompt_tokens").GetInt32(), count);
        Assert.Equal(count, json.GetProperty("tokens").GetArrayLength());
        Assert.True(json.GetProperty("max_model_len").GetInt32() > 0);
    }

    [Theory]
    [InlineData("{\"model\": \"nope\", \"prompt\": \"hi\"}", HttpStatusCode.NotFound)]
    [InlineData("{\"model\": \"cigate-sim\"}", HttpStatusCode.BadRequest)]
    [InlineData("not json", HttpStatusCode.BadRequest)]
    public async Task Tokenize_rejects_an_unknown_model_and_a_missing_prompt(string body, HttpStatusCode expected)
    {
        await using var server = await Servers.StartAsync(null);
        using var client = new HttpClient();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri(Root(server), "tokenize"), content, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_show_running_and_waiting_requests_and_count_generated_tokens()
    {
        // arrange: one decode slot, a slow first token, three streams: one runs, two wait.
        await using var server = await Servers.StartAsync(null, configure: o =>
        {
            o.Performance.MaxConcurrentDecodes = 1;
            o.TimeToFirstToken = TimeSpan.FromMilliseconds(400);
        });
        using var client = new HttpClient();
        var streams = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            using var response = await SimHttp.PostAsync(client, server, "completions", SimHttp.Text("cigate-sim", "Say something.", stream: true));
            return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        })).ToList();

        // act: scrape until the queue shows.
        var busiest = new Dictionary<string, double>();
        for (var i = 0; i < 100 && busiest.GetValueOrDefault("vllm:num_requests_waiting") < 2; i++)
        {
            busiest = await ScrapeAsync(client, server);
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        await Task.WhenAll(streams);
        var after = await ScrapeAsync(client, server);

        // assert
        Assert.Equal(1, busiest["vllm:num_requests_running"]);
        Assert.Equal(2, busiest["vllm:num_requests_waiting"]);
        Assert.Equal(1, busiest["vllm:kv_cache_usage_perc"]);
        Assert.Equal(0, after["vllm:num_requests_running"]);
        Assert.Equal(0, after["vllm:num_requests_waiting"]);
        Assert.Equal(server.Stats.GeneratedTokens, after["vllm:generation_tokens_total"]);
        Assert.True(after["vllm:generation_tokens_total"] >= 3, "no generated tokens counted");
        Assert.Equal(server.Stats.PromptTokens, after["vllm:prompt_tokens_total"]);
    }

    private static Uri Root(SimulatorServer server) => new(server.BaseUrl, "/");

    private static async Task<HttpResponseMessage> Post(HttpClient client, Uri url, object body)
    {
        using var content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        return await client.PostAsync(url, content, TestContext.Current.CancellationToken);
    }

    private static async Task<Dictionary<string, double>> ScrapeAsync(HttpClient client, SimulatorServer server)
    {
        using var response = await client.GetAsync(new Uri(Root(server), "metrics"), TestContext.Current.CancellationToken);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return Sample().Matches(text).ToDictionary(m => m.Groups[1].Value, m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^(vllm:[a-z_]+)\{[^}]*\} (\S+)$", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
