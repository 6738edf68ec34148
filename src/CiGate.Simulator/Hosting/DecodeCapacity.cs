namespace CiGate.Simulator.Hosting;

/// <summary>
/// A toy model of a GPU server: at most N decodes run at once (the rest wait for a slot, which
/// shows up as time to first token), and each token takes longer the more decodes share the batch.
/// </summary>
internal sealed class DecodeCapacity(PerformanceOptions options)
{
    private readonly SemaphoreSlim? slots = options.MaxConcurrentDecodes > 0 ? new SemaphoreSlim(options.MaxConcurrentDecodes) : null;
    private int active;

    public double Slowdown { get; } = options.Slowdown;

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        if (slots is not null)
        {
            await slots.WaitAsync(ct);
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
