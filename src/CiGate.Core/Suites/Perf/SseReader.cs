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

    /// <summary>The first blank line (\n\n or \r\n\r\n) in one pass over the bytes: where the event ends and how long its separator is.</summary>
    private static (int Length, int Separator) NextEvent(ReadOnlySpan<byte> span)
    {
        var from = 0;
        while (true)
        {
            var lf = span[from..].IndexOf((byte)'\n');
            if (lf < 0)
            {
                return (-1, 0);
            }

            lf += from;
            if (lf + 1 < span.Length && span[lf + 1] == '\n')
            {
                return (lf, 2);
            }

            if (lf > 0 && span[lf - 1] == '\r' && lf + 2 < span.Length && span[lf + 1] == '\r' && span[lf + 2] == '\n')
            {
                return (lf - 1, 4);
            }

            from = lf + 1;
        }
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
