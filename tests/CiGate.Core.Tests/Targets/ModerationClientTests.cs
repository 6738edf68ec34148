using CiGate.Core.Targets;

namespace CiGate.Core.Tests.Targets;

/// <summary>
/// ModerateAsync on a fake OpenAI server: the request it sends, the verdicts it reads (a garbled
/// verdict is kept as a problem, never as "not flagged"), retries on a broken envelope, and the
/// response cache it shares with completions.
/// </summary>
public sealed class ModerationClientTests : IDisposable
{
    private const string Reply = """
        {"id":"modr-1","model":"omni-moderation-2024-09-26","results":[
          {"flagged":true,"categories":{"harassment":true,"violence":false,"sexual/minors":null},"category_scores":{"harassment":0.91,"violence":0.12}},
          {"flagged":false,"categories":{"harassment":false},"category_scores":{"harassment":"high"}}]}
        """;

    private readonly string directory = Path.Combine(Path.GetTempPath(), "cigate-moderation-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Posts_model_and_inputs_and_reads_each_verdict()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = FakeOpenAIServer.Start(new FakeReply(Body: Reply));
        await using var client = TargetClientFactory.Create(TestTargets.Config(server.BaseUrl, model: "grader-chat"));

        var moderations = await client.ModerateAsync(["you idiot", "hello"], "omni-moderation-latest", cacheScope: null, ct);

        var request = Assert.Single(server.Requests);
        Assert.EndsWith("/v1/moderations", request.Path, StringComparison.Ordinal);
        Assert.Equal("omni-moderation-latest", request.Json().GetProperty("model").GetString());
        Assert.Equal(["you idiot", "hello"], request.Json().GetProperty("input").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("omni-moderation-2024-09-26", moderations.ServedModel);
        Assert.Equal(2, moderations.Results.Count);
        var first = moderations.Results[0];
        Assert.True(first.Flagged);
        Assert.Null(first.Problem);
        Assert.Equal(0.91, first.Scores!["harassment"]);
        Assert.True(first.Categories!["harassment"]);
        Assert.False(first.Categories.ContainsKey("sexual/minors"));
        var second = moderations.Results[1];
        Assert.False(second.Flagged);
        Assert.Null(second.Scores);
        Assert.Contains("'category_scores.harassment' is not a number", second.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_target_model_is_the_default()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = FakeOpenAIServer.Start(new FakeReply(Body: """{"results":[{"flagged":false,"categories":{},"category_scores":{}}]}"""));
        await using var client = TargetClientFactory.Create(TestTargets.Config(server.BaseUrl, model: "text-moderation-stable"));

        var moderations = await client.ModerateAsync(["x"], model: null, cacheScope: null, ct);

        Assert.Equal("text-moderation-stable", Assert.Single(server.Requests).Json().GetProperty("model").GetString());
        Assert.Null(moderations.ServedModel);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"data":[]}""")]
    [InlineData("""{"results":[]}""")]
    [InlineData("""{"results":[1]}""")]
    public async Task A_broken_envelope_is_retried_then_a_bad_response(string body)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = FakeOpenAIServer.Start(new FakeReply(Body: body));
        await using var client = TargetClientFactory.Create(TestTargets.Config(server.BaseUrl));

        var error = await Assert.ThrowsAsync<TargetException>(() => client.ModerateAsync(["x"], null, null, ct));

        Assert.Equal(TargetErrorKind.BadResponse, error.Kind);
        Assert.Equal(TestTargets.FastRetry.MaxAttempts, server.Requests.Count);
        Assert.Contains("moderations response", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verdicts_are_cached_per_scope_like_completions()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = FakeOpenAIServer.Start(new FakeReply(Body: Reply));
        await using var cache = await ResponseCache.OpenAsync(directory, ct);
        await using var client = TargetClientFactory.Create(TestTargets.Config(server.BaseUrl), cache);

        var first = await client.ModerateAsync(["you idiot", "hello"], "omni", "v1", ct);
        var second = await client.ModerateAsync(["you idiot", "hello"], "omni", "v1", ct);
        var otherVersion = await client.ModerateAsync(["you idiot", "hello"], "omni", "v2", ct);
        var uncached = await client.ModerateAsync(["you idiot", "hello"], "omni", null, ct);

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(first.Results[0].Flagged, second.Results[0].Flagged);
        Assert.Equal(first.Results[0].Scores, second.Results[0].Scores);
        Assert.Equal("omni-moderation-2024-09-26", second.ServedModel);
        Assert.False(otherVersion.FromCache);
        Assert.False(uncached.FromCache);
        Assert.Equal(3, server.Requests.Count);
    }
}
