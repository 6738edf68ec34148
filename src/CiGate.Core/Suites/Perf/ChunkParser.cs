using System.Text.Json;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// Reads one SSE data payload (an OpenAI stream chunk) with <see cref="Utf8JsonReader"/>, straight
/// from the receive buffer: no string or object per token. It notes whether the chunk carried
/// text, its usage, finish reason, a mid-stream error, and the simulator's send timestamp.
/// </summary>
internal static class ChunkParser
{
    // The simulator's own Stopwatch timestamp of the moment it wrote the chunk (same monotonic clock on Linux).
    public static ReadOnlySpan<byte> ServerTsName => "cigate_sent_ts"u8;

    // When the simulator's flush of the previous text chunk returned: that chunk left between its sent stamp and this.
    public static ReadOnlySpan<byte> PreviousFlushedTsName => "cigate_prev_flushed_ts"u8;

    private const byte Other = 0, Choices = 1, Usage = 2, Error = 3, ServerTs = 4, Delta = 5, Content = 6, Text = 7,
        FinishReason = 8, PromptTokens = 9, CompletionTokens = 10, Message = 11, PreviousFlushed = 12;

    public static void Parse(ReadOnlySpan<byte> payload, long arrived, RequestTiming timing)
    {
        var reader = new Utf8JsonReader(payload);
        Span<byte> ids = stackalloc byte[8];
        ids.Clear();
        bool content = false, error = false;
        int? prompt = null, completion = null;
        long server = 0, previousFlushed = 0;
        string? message = null;
        try
        {
            while (reader.Read())
            {
                var d = reader.CurrentDepth;
                if (d >= ids.Length)
                {
                    continue;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        ids[d] = Identify(ref reader, d);
                        break;
                    case JsonTokenType.StartObject when d == 1 && ids[1] == Error:
                        error = true;
                        break;
                    case JsonTokenType.String when ids[1] == Choices && ((d == 4 && ids[3] == Delta && ids[4] == Content) || (d == 3 && ids[3] == Text)):
                        content |= reader.ValueSpan.Length > 0;
                        break;
                    case JsonTokenType.String when ids[1] == Choices && d == 3 && ids[3] == FinishReason:
                        timing.FinishReason = reader.GetString();
                        break;
                    case JsonTokenType.String when ids[1] == Error && (d == 1 || (d == 2 && ids[2] == Message)):
                        error = true;
                        message = reader.GetString();
                        break;
                    case JsonTokenType.Number when d == 2 && ids[1] == Usage && ids[2] == PromptTokens:
                        prompt = reader.GetInt32();
                        break;
                    case JsonTokenType.Number when d == 2 && ids[1] == Usage && ids[2] == CompletionTokens:
                        completion = reader.GetInt32();
                        break;
                    case JsonTokenType.Number when d == 1 && ids[1] == ServerTs:
                        server = reader.GetInt64();
                        break;
                    case JsonTokenType.Number when d == 1 && ids[1] == PreviousFlushed:
                        previousFlushed = reader.GetInt64();
                        break;
                }
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            timing.Error = "malformed stream chunk: " + e.Message;
            timing.ErrorKind = "malformed";
            return;
        }

        if (error)
        {
            timing.Error = "the server sent an error mid-stream: " + (message ?? "(no message)");
            timing.ErrorKind = "stream_error";
            return;
        }

        if (previousFlushed != 0)
        {
            timing.NoteServerFlushed(previousFlushed);
        }

        var tokens = 1;
        if (completion is { } total)
        {
            // Usage on a chunk that carries text is vLLM's continuous_usage_stats: the delta is this chunk's tokens.
            if (content)
            {
                tokens = total - timing.RunningTokens;
                timing.ContinuousUsage = true;
            }

            timing.RunningTokens = total;
            timing.UsageCompletionTokens = total;
            timing.UsagePromptTokens = prompt ?? timing.UsagePromptTokens;
        }

        if (content)
        {
            timing.AddChunk(arrived, tokens, server);
        }
    }

    private static byte Identify(ref Utf8JsonReader reader, int depth) => depth switch
    {
        1 when reader.ValueTextEquals("choices"u8) => Choices,
        1 when reader.ValueTextEquals("usage"u8) => Usage,
        1 when reader.ValueTextEquals("error"u8) => Error,
        1 when reader.ValueTextEquals(ServerTsName) => ServerTs,
        1 when reader.ValueTextEquals(PreviousFlushedTsName) => PreviousFlushed,
        2 when reader.ValueTextEquals("prompt_tokens"u8) => PromptTokens,
        2 when reader.ValueTextEquals("completion_tokens"u8) => CompletionTokens,
        2 when reader.ValueTextEquals("message"u8) => Message,
        3 when reader.ValueTextEquals("delta"u8) => Delta,
        3 when reader.ValueTextEquals("text"u8) => Text,
        3 when reader.ValueTextEquals("finish_reason"u8) => FinishReason,
        4 when reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("reasoning_content"u8) => Content,
        _ => Other,
    };
}
