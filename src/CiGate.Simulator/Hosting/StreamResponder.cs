using System.Diagnostics;
using CiGate.Simulator.Protocol;
using Microsoft.AspNetCore.Http;

namespace CiGate.Simulator.Hosting;

/// <summary>Streams a reply as SSE, one token per chunk, with the configured latencies.</summary>
internal static class StreamResponder
{
    public static async Task WriteAsync(
        HttpContext context,
        ResponseMeta meta,
        ReplyPlan plan,
        StreamSettings settings,
        Latency latency,
        TimeSpan? stallFor,
        SimulatedMessage message,
        CancellationToken ct)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        using var sse = new SseWriter(response.BodyWriter);
        var stall = stallFor;
        var capacity = settings.Capacity;
        var includeUsage = settings.IncludeUsage;

        // Chunks are only flushed when a pause follows; without latency the whole stream goes out in
        // one write, which keeps the 12k-item benchmark cheap while clients still see one chunk per token.
        async Task AfterChunkAsync()
        {
            if (stall is { } pause)
            {
                stall = null;
                await sse.FlushAsync(ct);
                await Delay(pause, ct);
            }
        }

        // A decode slot is held from admission to the last token: waiting for one is queueing time.
        using var slot = await capacity.EnterAsync(ct);
        await Delay(capacity.Scale(latency.TimeToFirstToken, perToken: false), ct);
        if (settings.Steps is { } first)
        {
            await first.NextAsync();
            ct.ThrowIfCancellationRequested();
        }

        if (meta.Kind == CompletionKind.Chat)
        {
            CompletionJson.WriteChunk(sse.BeginEvent(), meta, default, roleChunk: true, null, includeUsage, settings.ContinuousUsage ? 0 : -1);
            sse.EndEvent();
            await AfterChunkAsync();
        }

        long flushed = 0;
        for (var i = 0; i < plan.TokenEnds.Length; i++)
        {
            if (i > 0 && latency.InterToken > TimeSpan.Zero)
            {
                await sse.FlushAsync(ct);
                if (settings.Steps is { } steps)
                {
                    await steps.NextAsync();
                    ct.ThrowIfCancellationRequested();
                }
                else
                {
                    await Delay(capacity.Scale(latency.InterToken, perToken: true), ct);
                }
            }

            if (settings.ErrorMidStream && i == plan.TokenEnds.Length / 2)
            {
                // What vLLM does when generation fails after the headers went out: an error event, then the end.
                sse.WriteRaw("data: {\"error\":{\"object\":\"error\",\"message\":\"simulated failure mid-stream\",\"type\":\"InternalServerError\",\"code\":500}}\n\n"u8);
                sse.WriteDone();
                await sse.FlushAsync(ct);
                return;
            }

            var sent = settings.SendTimestamps ? Stopwatch.GetTimestamp() : 0;
            CompletionJson.WriteChunk(sse.BeginEvent(), meta, plan.Token(i), roleChunk: false, null, includeUsage, settings.ContinuousUsage ? i + 1 : -1, sent, flushed);
            sse.EndEvent();
            if (settings.SendTimestamps)
            {
                // The chunk went out between `sent` and `flushed`; the next chunk carries `flushed`.
                await sse.FlushAsync(ct);
                flushed = Stopwatch.GetTimestamp();
            }

            await AfterChunkAsync();
        }

        var finish = plan.FinishReason;
        if (meta.Kind == CompletionKind.Chat && message.HasToolCalls)
        {
            WriteToolCalls(sse, meta, message, includeUsage);
            finish = "tool_calls";
        }

        CompletionJson.WriteChunk(sse.BeginEvent(), meta, default, roleChunk: false, finish, includeUsage, settings.ContinuousUsage ? plan.CompletionTokens : -1, previousFlushedTs: flushed);
        sse.EndEvent();
        await AfterChunkAsync();
        if (includeUsage)
        {
            CompletionJson.WriteUsageChunk(sse.BeginEvent(), meta, plan.CompletionTokens);
            sse.EndEvent();
        }

        sse.WriteDone();
        await sse.FlushAsync(ct);
    }

    /// <summary>Each call as the OpenAI API streams it: a delta naming it, then its arguments in pieces.</summary>
    private static void WriteToolCalls(SseWriter sse, in ResponseMeta meta, SimulatedMessage message, bool includeUsage)
    {
        const int Piece = 24;
        var calls = message.AllCalls;
        for (var i = 0; i < calls.Count; i++)
        {
            CompletionJson.WriteToolCallChunk(sse.BeginEvent(), meta, i, calls[i].Name, "", includeUsage);
            sse.EndEvent();
            var arguments = calls[i].Arguments.AsSpan();
            for (var at = 0; at < arguments.Length; at += Piece)
            {
                var piece = arguments.Slice(at, Math.Min(Piece, arguments.Length - at));
                CompletionJson.WriteToolCallChunk(sse.BeginEvent(), meta, i, null, piece, includeUsage);
                sse.EndEvent();
            }
        }
    }

    public static Task Delay(TimeSpan delay, CancellationToken ct) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, ct) : Task.CompletedTask;
}
