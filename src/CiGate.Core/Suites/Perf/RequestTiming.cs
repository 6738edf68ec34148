using System.Buffers;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// What one streamed request measured, as raw <see cref="System.Diagnostics.Stopwatch"/> ticks.
/// Filled on the hot path without per-chunk allocation: the chunk arrays are rented once, sized
/// for the requested output, and returned by <see cref="Dispose"/>.
/// </summary>
internal sealed class RequestTiming : IDisposable
{
    private long[] chunkTs;
    private int[] chunkTokens;
    private long[] serverTs;
    private long[] serverFlushedTs;

    public RequestTiming(int index, long scheduledTs, int expectedChunks)
    {
        Index = index;
        ScheduledTs = scheduledTs;
        var size = Math.Max(16, expectedChunks + 8);
        chunkTs = ArrayPool<long>.Shared.Rent(size);
        chunkTokens = ArrayPool<int>.Shared.Rent(size);
        serverTs = ArrayPool<long>.Shared.Rent(size);
        serverFlushedTs = ArrayPool<long>.Shared.Rent(size);
    }

    public int Index { get; }

    /// <summary>The X-Request-ID header this request was sent with (null when the user's headers set one).</summary>
    public string? RequestId { get; set; }

    public long ScheduledTs { get; }

    public long SentTs { get; set; }

    public long EndTs { get; set; }

    public int Status { get; set; }

    public string? Error { get; set; }

    public string? ErrorKind { get; set; }

    public bool Done { get; set; }

    public bool Incomplete { get; set; }

    public string? FinishReason { get; set; }

    public int? UsagePromptTokens { get; set; }

    public int? UsageCompletionTokens { get; set; }

    /// <summary>Cumulative completion tokens of the last chunk that carried usage (vLLM's continuous_usage_stats).</summary>
    public int RunningTokens { get; set; }

    public bool ContinuousUsage { get; set; }

    public int Chunks { get; private set; }

    /// <summary>Chunks carry the kernel's receive stamps (<see cref="Transport.KernelReceiveClock"/>), not the process's read times.</summary>
    public bool KernelClock { get; set; }

    /// <summary>The longest a received chunk waited for the client to read it (Stopwatch ticks); kernel clock only.</summary>
    public long MaxReadLagTicks { get; private set; }

    public void NoteReadLag(long ticks)
    {
        if (ticks > MaxReadLagTicks)
        {
            MaxReadLagTicks = ticks;
        }
    }

    /// <summary>Kernel clock only: how long the read that carried the first token waited in the socket (-1: unknown).</summary>
    public long FirstReadLagTicks { get; set; } = -1;

    /// <summary>Kernel clock only: from the request's first write call to its last one's return (-1: unknown).</summary>
    public long SendWindowTicks { get; set; } = -1;

    public bool HasServerTs { get; private set; }

    public ReadOnlySpan<long> ChunkTs => chunkTs.AsSpan(0, Chunks);

    public ReadOnlySpan<int> ChunkTokens => chunkTokens.AsSpan(0, Chunks);

    public ReadOnlySpan<long> ServerTs => serverTs.AsSpan(0, Chunks);

    /// <summary>The simulator's stamp after each chunk's flush returned (0 where it sent none): the chunk left between <see cref="ServerTs"/> and this.</summary>
    public ReadOnlySpan<long> ServerFlushedTs => serverFlushedTs.AsSpan(0, Chunks);

    public void AddChunk(long arrived, int tokens, long server)
    {
        if (Chunks == chunkTs.Length)
        {
            Grow(ref chunkTs);
            Grow(ref chunkTokens);
            Grow(ref serverTs);
            Grow(ref serverFlushedTs);
        }

        chunkTs[Chunks] = arrived;
        chunkTokens[Chunks] = tokens;
        serverTs[Chunks] = server;
        serverFlushedTs[Chunks] = 0;
        HasServerTs |= server != 0;
        Chunks++;
    }

    /// <summary>Benchmark support: when the server's flush of the latest chunk (or of chunk <paramref name="chunk"/>) returned.</summary>
    public void NoteServerFlushed(long ts, int chunk = -1)
    {
        chunk = chunk < 0 ? Chunks - 1 : chunk;
        if (chunk >= 0 && chunk < Chunks)
        {
            serverFlushedTs[chunk] = ts;
        }
    }

    public void Dispose()
    {
        ArrayPool<long>.Shared.Return(chunkTs);
        ArrayPool<int>.Shared.Return(chunkTokens);
        ArrayPool<long>.Shared.Return(serverTs);
        ArrayPool<long>.Shared.Return(serverFlushedTs);
        chunkTs = [];
        chunkTokens = [];
        serverTs = [];
        serverFlushedTs = [];
    }

    private static void Grow<T>(ref T[] array)
    {
        var bigger = ArrayPool<T>.Shared.Rent(array.Length * 2);
        array.AsSpan().CopyTo(bigger);
        ArrayPool<T>.Shared.Return(array);
        array = bigger;
    }
}
