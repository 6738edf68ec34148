using System.Buffers;
using System.Diagnostics;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// Splits a text/event-stream into events in one pooled buffer and hands each `data:` payload to
/// <see cref="ChunkParser"/> with the timestamp of the read that completed it: the moment the
/// bytes reached the process, which is what time-to-first-token and inter-token gaps mean.
/// </summary>
internal static class SseReader
{
    public static async Task ReadAsync(Stream stream, RequestTiming timing, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        int start = 0, end = 0;
        try
        {
            while (!timing.Done && timing.Error is null)
            {
                if (end == buffer.Length)
                {
                    if (start > 0)
                    {
                        buffer.AsSpan(start, end - start).CopyTo(buffer);
                        end -= start;
                        start = 0;
                    }
                    else
                    {
                        // One event larger than the buffer (a long final chunk): grow, never split it.
                        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, end).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }
                }

                var read = await stream.ReadAsync(buffer.AsMemory(end), ct);
                var now = Stopwatch.GetTimestamp();
                if (read == 0)
                {
                    break;
                }

                end += read;
                start = Drain(buffer, start, end, now, timing);
                if (start == end)
                {
                    start = end = 0;
                }
            }

            timing.EndTs = Stopwatch.GetTimestamp();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Handles every complete event in buffer[start..end]; returns where the unfinished rest begins.</summary>
    internal static int Drain(byte[] buffer, int start, int end, long now, RequestTiming timing)
    {
        while (start < end && !timing.Done && timing.Error is null)
        {
            var span = buffer.AsSpan(start, end - start);
            var (length, separator) = NextEvent(span);
            if (length < 0)
            {
                break;
            }

            HandleEvent(span[..length], now, timing);
            start += length + separator;
        }

        return start;
    }

    private static (int Length, int Separator) NextEvent(ReadOnlySpan<byte> span)
    {
        var lf = span.IndexOf("\n\n"u8);
        var crlf = span.IndexOf("\r\n\r\n"u8);
        return (lf, crlf) switch
        {
            ( < 0, < 0) => (-1, 0),
            ( >= 0, < 0) => (lf, 2),
            ( < 0, >= 0) => (crlf, 4),
            _ => lf < crlf ? (lf, 2) : (crlf, 4),
        };
    }

    private static void HandleEvent(ReadOnlySpan<byte> evt, long now, RequestTiming timing)
    {
        while (!evt.IsEmpty)
        {
            var newline = evt.IndexOf((byte)'\n');
            var line = newline < 0 ? evt : evt[..newline];
            evt = newline < 0 ? default : evt[(newline + 1)..];
            if (line.Length > 0 && line[^1] == '\r')
            {
                line = line[..^1];
            }

            if (!line.StartsWith("data:"u8))
            {
                continue; // comments (": keep-alive"), event:, id:, retry:
            }

            var payload = line[5..];
            if (payload.Length > 0 && payload[0] == ' ')
            {
                payload = payload[1..];
            }

            if (payload.SequenceEqual("[DONE]"u8))
            {
                timing.Done = true;
                return;
            }

            ChunkParser.Parse(payload, now, timing);
        }
    }
}
