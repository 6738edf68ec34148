using System.ClientModel;
using CiGate.Simulator.Tests.Support;
using OpenAI;
using OpenAI.Moderations;

namespace CiGate.Simulator.Tests;

/// <summary>POST /v1/moderations: the OpenAI shape (read back by the SDK), keyword scores a test can predict, and a garbled verdict on request.</summary>
public sealed class ModerationsTests : IAsyncLifetime
{
    private SimulatorServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await Servers.StartAsync(null);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_OpenAI_SDK_reads_flagged_and_clean_verdicts()
    {
        var client = new ModerationClient("omni-moderation-latest", new ApiKeyCredential("sk-sim"), new OpenAIClientOptions { Endpoint = _server.BaseUrl });
        var ct = TestContext.Current.CancellationToken;

        ModerationResult insult = await client.ClassifyTextAsync("You are a worthless idiot.", ct);
        ModerationResult threat = await client.ClassifyTextAsync("I will find you and stab you.", ct);
        ModerationResult clean = await client.ClassifyTextAsync("The museum opens at nine; tickets are sold at the door.", ct);

        Assert.True(insult.Flagged);
        Assert.True(insult.Harassment.Flagged);
        Assert.Equal(SimulatedModerationScores.ManyHits, insult.Harassment.Score, 6);
        Assert.False(insult.Violence.Flagged);
        Assert.True(threat.HarassmentThreatening.Flagged);
        Assert.Equal(SimulatedModerationScores.OneHit, threat.Violence.Score, 6);
        Assert.False(clean.Flagged);
        Assert.True(clean.Hate.Score < 0.02);
    }

    [Fact]
    public async Task Scores_are_whole_word_keyword_hits_the_same_on_every_call()
    {
        using var http = new HttpClient();
        var body = new Dictionary<string, object> { ["model"] = "omni-moderation-latest", ["input"] = new[] { "He has the skill to kill.", "He has the skill." } };

        using var first = await SimHttp.PostAsync(http, _server, "moderations", body);
        using var second = await SimHttp.PostAsync(http, _server, "moderations", body);

        var json = await SimHttp.JsonAsync(first);
        Assert.Equal((await SimHttp.JsonAsync(second)).GetRawText(), json.GetRawText());
        Assert.Equal("omni-moderation-latest-2026-01-01", json.GetProperty("model").GetString());
        var results = json.GetProperty("results");
        Assert.Equal(2, results.GetArrayLength());
        Assert.Equal(SimulatedModerationScores.OneHit, results[0].GetProperty("category_scores").GetProperty("violence").GetDouble());
        Assert.True(results[0].GetProperty("flagged").GetBoolean());
        Assert.True(results[1].GetProperty("category_scores").GetProperty("violence").GetDouble() < 0.02, "'skill' is not the word 'kill'");
        Assert.False(results[1].GetProperty("flagged").GetBoolean());
        Assert.Equal(SimulatedModerationScores.Categories.Count(), results[1].GetProperty("category_scores").EnumerateObject().Count());
    }

    [Fact]
    public async Task The_garbage_marker_gets_a_result_without_a_verdict()
    {
        using var http = new HttpClient();
        var body = new Dictionary<string, object> { ["model"] = "m", ["input"] = $"fine text {SimulatedJudge.GarbageMarker}" };

        using var response = await SimHttp.PostAsync(http, _server, "moderations", body);

        response.EnsureSuccessStatusCode();
        var result = Assert.Single((await SimHttp.JsonAsync(response)).GetProperty("results").EnumerateArray());
        Assert.False(result.TryGetProperty("flagged", out _));
        Assert.False(result.TryGetProperty("category_scores", out _));
    }

    [Theory]
    [InlineData("""{"model":"m"}""")]
    [InlineData("""{"model":"m","input":[]}""")]
    [InlineData("""{"model":"m","input":[{"type":"image_url","image_url":{"url":"x"}}]}""")]
    [InlineData("""{"model":5,"input":"x"}""")]
    public async Task A_malformed_request_is_a_400(string json)
    {
        using var http = new HttpClient();
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(new Uri($"{_server.BaseUrl}/moderations"), content, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }
}
