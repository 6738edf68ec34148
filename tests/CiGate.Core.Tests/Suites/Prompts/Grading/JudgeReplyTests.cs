using CiGate.Core.Suites.Prompts.Grading;
using CiGate.Core.Targets;
using CiGate.Core.Text;

namespace CiGate.Core.Tests.Suites.Prompts.Grading;

public sealed class JudgeReplyTests
{
    [Theory]
    [InlineData("{\"pass\": true, \"score\": 0.9, \"reason\": \"ok\"}", true, 0.9)]
    [InlineData("```json\n{\"pass\": false, \"score\": 0, \"reason\": \"no\"}\n```", false, 0.0)]
    [InlineData("Here is my verdict: {\"pass\": \"true\", \"reason\": \"fine\"} Thanks.", true, null)]
    [InlineData("{\"score\": 0.25}", null, 0.25)]
    public void A_rubric_verdict_is_read_from_json_anywhere_in_the_reply(string reply, bool? pass, double? score)
    {
        Assert.True(JudgeReply.TryRubric(reply, out var p, out var s, out _, out var problem), problem);
        Assert.Equal(pass, p);
        Assert.Equal(score, s);
    }

    [Theory]
    [InlineData("Looks fine to me.", "not JSON")]
    [InlineData("{\"reason\": \"considered\"}", "neither 'pass' nor 'score'")]
    [InlineData("{\"pass\": true, \"score\": 7}", "outside 0..1")]
    [InlineData("[1, 2]", "not JSON")]
    [InlineData("{\"pass\": tru}", "not a JSON object")]
    public void A_reply_without_a_usable_verdict_is_a_problem(string reply, string expected)
    {
        Assert.False(JudgeReply.TryRubric(reply, out _, out _, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"choice\": \"B\", \"reason\": \"adds\"}", 'B')]
    [InlineData("{\"choice\": \"(d)\"}", 'D')]
    public void A_factuality_choice_is_read(string reply, char expected)
    {
        Assert.True(JudgeReply.TryChoice(reply, out var choice, out _, out var problem), problem);
        Assert.Equal(expected, choice);
    }

    [Theory]
    [InlineData("{\"choice\": \"F\"}")]
    [InlineData("{\"verdict\": \"A\"}")]
    [InlineData("A")]
    public void A_factuality_reply_without_a_choice_is_a_problem(string reply) =>
        Assert.False(JudgeReply.TryChoice(reply, out _, out _, out _));

    [Fact]
    public void The_fence_is_longer_than_any_backtick_run_in_the_text()
    {
        var wrapped = Fence.Wrap("a\n````\nb ``` c", "output");

        Assert.StartsWith("`````output\n", wrapped, StringComparison.Ordinal);
        Assert.EndsWith("\n`````", wrapped, StringComparison.Ordinal);
        Assert.Equal("```x\nplain\n```", Fence.Wrap("plain", "x"));
    }

    [Fact]
    public void Embeddings_round_trip_through_their_cache_text()
    {
        float[][] vectors = [[1f, -0.5f, 0.25f], [0f, 2f, 3.5f]];

        var decoded = EmbeddingsCodec.Decode(EmbeddingsCodec.Encode(vectors));

        Assert.Equal(vectors, decoded);
        Assert.Equal(1.0, ModelGradedAssertions.Cosine([1f, 2f], [2f, 4f]), 9);
        Assert.Equal(0.0, ModelGradedAssertions.Cosine([1f, 0f], [0f, 3f]), 9);
    }
}
