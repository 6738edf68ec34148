using System.Buffers;
using System.Diagnostics;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// Splits a text/event-stream into events in one pooled buffer and hands each `data:` payload to
/// <see cref="ChunkParser"/> with the arrival time of the read that completed it: the kernel's
/// receive stamp when the connection has one (<see cref="Transport.StampedConnection"/>), else the
/// moment the read returned to the process. The gap between the two is the client's read lag.
/// </summary>
internal static class SseReader
{
    public static async Task ReadAsync(Stream stream, RequestTiming timing, Transport.StampedConnection? connection, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        int start = 0, end = 0;
        long arrived = 0;
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

                arrived = now;
                var lag = -1L;
                if (connection is not null && connection.LastReceiveTs is > 0 and var stamp && stamp <= now)
                {
                    arrived = stamp;
                    lag = now - stamp;
                    timing.NoteReadLag(lag);
                }

                end += read;
                var before = timing.Chunks;
                start = Drain(buffer, start, end, arrived, timing);
                if (before == 0 && timing.Chunks > 0)
                {
                    timing.FirstReadLagTicks = lag;
                }

                if (start == end)
                {
                    start = end = 0;
                }
            }

            timing.EndTs = timing.Done && arrived != 0 ? arrived : Stopwatch.GetTimestamp();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Handles every complete event in buffer[start..end]; returns where the unfinished rest begins.</summary>
    internal static int Drain(byte[] buffer, int start, int end, long arrived, RequestTiming timing)
    {
        while (start < end && !timing.Done && timing.Error is null)
        {
            var span = buffer.AsSpan(start, end - start);
            var (length, separator) = NextEvent(span);
            if (length < 0)
            {
                break;
            }

            HandleEvent(span[..length], arrived, timing);
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
