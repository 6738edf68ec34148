namespace CiGate.Simulator.Hosting;

/// <summary>
/// A toy model of a GPU server: at most N decodes run at once (the rest wait for a slot, which
/// shows up as time to first token), and each token takes longer the more decodes share the batch.
/// </summary>
internal sealed class DecodeCapacity(PerformanceOptions options)
{
    private readonly SemaphoreSlim? slots = options.MaxConcurrentDecodes > 0 ? new SemaphoreSlim(options.MaxConcurrentDecodes) : null;
    private int active;
    private int waiting;

    public double Slowdown { get; } = options.Slowdown;

    /// <summary>Requests holding a decode slot (what /metrics reports as running).</summary>
    public int Running => Volatile.Read(ref active);

    /// <summary>Requests queued for a slot (what /metrics reports as waiting).</summary>
    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>The share of decode slots in use, as KV-cache usage (0 when decodes are unlimited).</summary>
    public double Usage => options.MaxConcurrentDecodes > 0 ? Math.Min(1, (double)Running / options.MaxConcurrentDecodes) : 0;

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        if (slots is not null)
        {
            Interlocked.Increment(ref waiting);
            try
            {
                await slots.WaitAsync(ct);
            }
            finally
            {
                Interlocked.Decrement(ref waiting);
            }
        }

        Interlocked.Increment(ref active);
        return new Lease(this);
    }

    public TimeSpan Scale(TimeSpan latency, bool perToken)
    {
        var factor = Slowdown;
        if (perToken && options.BatchItlGrowth > 0)
        {
            factor *= 1 + (options.BatchItlGrowth * Math.Max(0, Volatile.Read(ref active) - 1));
        }

        return factor == 1 ? latency : latency * factor;
    }

    private sealed class Lease(DecodeCapacity owner) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner.active);
                owner.slots?.Release();
            }
        }
    }
}
