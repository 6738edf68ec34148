using System.Text;
using CiGate.Core.Suites.Perf;

namespace CiGate.Core.Tests.Perf;

/// <summary>The event-stream reader on byte buffers, split wherever the network splits them.</summary>
public sealed class SseParsingTests
{
    private const string Stream =
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n" +
        ": keep-alive\n\n" +
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}],\"usage\":null}\r\n\r\n" +
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":null}]}\n\n" +
        "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}\n\n" +
        "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2,\"total_tokens\":9}}\n\n" +
        "data: [DONE]\n\n";

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(4096)]
    public void Splits_events_across_reads_and_counts_only_chunks_with_text(int readSize)
    {
        using var timing = new RequestTiming(0, 0, 4);
        Feed(Encoding.UTF8.GetBytes(Stream), readSize, timing);

        Assert.True(timing.Done);
        Assert.Null(timing.Error);
        Assert.Equal(2, timing.Chunks);
        Assert.Equal("length", timing.FinishReason);
        Assert.Equal(7, timing.UsagePromptTokens);
        Assert.Equal(2, timing.UsageCompletionTokens);
        Assert.False(timing.ContinuousUsage);
    }

    [Fact]
    public void Continuous_usage_turns_into_tokens_per_chunk()
    {
        const string text =
            "data: {\"choices\":[{\"delta\":{\"content\":\"ab\"}}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}\n\n" +
            "data: {\"choices\":[{\"delta\":{\"content\":\"c\"}}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":3}}\n\n" +
            "data: [DONE]\n\n";
        using var timing = new RequestTiming(0, 0, 4);
        Feed(Encoding.UTF8.GetBytes(text), 4096, timing);

        Assert.Equal([2, 1], timing.ChunkTokens.ToArray());
        Assert.True(timing.ContinuousUsage);
        Assert.Equal(3, timing.UsageCompletionTokens);
    }

    [Fact]
    public void Completions_text_and_the_simulators_timestamp_are_read()
    {
        const string text = "data: {\"choices\":[{\"text\":\" x\"}],\"cigate_sent_ts\":123456789}\n\ndata: [DONE]\n\n";
        using var timing = new RequestTiming(0, 0, 4);
        Feed(Encoding.UTF8.GetBytes(text), 4096, timing);

        Assert.Equal(1, timing.Chunks);
        Assert.Equal(123456789, timing.ServerTs[0]);
    }

    [Theory]
    [InlineData("data: {\"error\":{\"message\":\"boom\",\"code\":500}}\n\n", "stream_error", "boom")]
    [InlineData("data: {\"error\":\"plain\"}\n\n", "stream_error", "plain")]
    [InlineData("data: {\"choices\":[{\"delta\":{\"content\":\"a\"\n\n", "malformed", "malformed")]
    public void Errors_mid_stream_stop_the_request(string evt, string kind, string message)
    {
        var text = "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n" + evt + "data: {\"choices\":[{\"delta\":{\"content\":\"b\"}}]}\n\n";
        using var timing = new RequestTiming(0, 0, 4);
        Feed(Encoding.UTF8.GetBytes(text), 4096, timing);

        Assert.Equal(kind, timing.ErrorKind);
        Assert.Contains(message, timing.Error);
        Assert.Equal(1, timing.Chunks);
    }

    [Fact]
    public void More_chunks_than_expected_grow_the_rented_arrays()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 100; i++)
        {
            text.Append("data: {\"choices\":[{\"delta\":{\"content\":\"t\"}}]}\n\n");
        }

        using var timing = new RequestTiming(0, 0, 2);
        Feed(Encoding.UTF8.GetBytes(text.ToString()), 4096, timing);
        Assert.Equal(100, timing.Chunks);
    }

    /// <summary>Plays the bytes through the reader's drain loop in reads of <paramref name="readSize"/>, as the network would.</summary>
    private static void Feed(byte[] bytes, int readSize, RequestTiming timing)
    {
        var buffer = new byte[bytes.Length];
        int start = 0, end = 0;
        for (var offset = 0; offset < bytes.Length && !timing.Done && timing.Error is null; offset += readSize)
        {
            var n = Math.Min(readSize, bytes.Length - offset);
            bytes.AsSpan(offset, n).CopyTo(buffer.AsSpan(end));
            end += n;
            start = SseReader.Drain(buffer, start, end, offset + 1, timing);
        }
    }
}
