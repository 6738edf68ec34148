namespace CiGate.Simulator;

/// <summary>
/// How the simulator behaves as a server under load, for perf sweeps and the load generator's own
/// benchmark. The defaults change nothing: one decode per request, no queue, usage when asked.
/// </summary>
public sealed class PerformanceOptions
{
    /// <summary>Multiplies time to first token and inter-token latency (1.2 = a 20% slower server).</summary>
    public double Slowdown { get; set; } = 1.0;

    /// <summary>Requests decoded at once; the rest queue before their first token (0 = no limit).</summary>
    public int MaxConcurrentDecodes { get; set; }

    /// <summary>Inter-token latency grows by this fraction per other running decode, as a batch does on a GPU.</summary>
    public double BatchItlGrowth { get; set; }

    /// <summary>False: never send usage, even when the client asks for it (as some servers do).</summary>
    public bool SendUsage { get; set; } = true;

    /// <summary>
    /// Adds <c>cigate_sent_ts</c> to every stream chunk: this process's <see cref="System.Diagnostics.Stopwatch"/>
    /// timestamp just before the chunk is flushed. On Linux both processes read the same monotonic
    /// clock, so a client can compute its own measurement error against what the server really did.
    /// The next chunk (or the closing one) carries <c>cigate_prev_flushed_ts</c>, when that flush
    /// returned: the chunk went to the socket between the two. With timestamps on, Kestrel sends
    /// inline on the writing thread, so the window is the send call, not a thread-pool queue.
    /// </summary>
    public bool SendTimestamps { get; set; }

    /// <summary>Every n-th streamed request (by arrival) sends an error event halfway through its tokens (0 = never).</summary>
    public int MidStreamErrorEvery { get; set; }

    /// <summary>
    /// Tokens come out in decode steps shared by every running stream, one step per inter-token
    /// latency, as a batched GPU server emits a token for each running sequence per step. The first
    /// token waits for the step after time to first token. False: each stream keeps its own timer.
    /// </summary>
    public bool DecodeSteps { get; set; }

    public void Validate()
    {
        if (!double.IsFinite(Slowdown) || Slowdown <= 0)
        {
            throw new ArgumentException($"The slowdown factor must be positive, got {Slowdown}.", nameof(Slowdown));
        }

        if (MaxConcurrentDecodes < 0 || MidStreamErrorEvery < 0 || !double.IsFinite(BatchItlGrowth) || BatchItlGrowth < 0)
        {
            throw new ArgumentException("Capacity, batch growth and error interval must not be negative.");
        }
    }
}
