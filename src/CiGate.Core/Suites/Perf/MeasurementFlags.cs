using System.Diagnostics;
using System.Globalization;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// Whether the client could time a request's first token. TCP merges segments that wait in a
/// socket's receive queue and keeps the newest one's kernel stamp, so when the client was not
/// reading for a whole inter-token gap (GC pause, saturated cores, a cold first batch) the first
/// token arrives in one read with later ones and is stamped with the last one's time: TTFT is then
/// late by the tokens merged times the gap, and requests.jsonl shows it as gaps_ms[0] == 0. Two
/// rules, against the load point's cadence (the median of its non-zero inter-chunk gaps, i.e. how
/// often the server sends a token):
/// <list type="bullet">
/// <item><c>merged</c>: the first read delivered k ≥ 2 token chunks. Its stamp is the newest packet's, and
/// how far that is from the first token's packet is unknown: (k − 1) × cadence when the server keeps its
/// cadence, but a server catching up after a stall sends the backlog a fraction of a gap apart, so a
/// cadence-based bound missed first tokens 1.4–4.2 ms late (packet capture, reference server at 512
/// streams on an overloaded machine, docs/perf-fidelity.md). Any merge is therefore flagged;</item>
/// <item><c>read_lag</c> (kernel clock): the bytes of that read waited in the socket longer than
/// <see cref="ReadLagFraction"/> the cadence and <see cref="ToleranceMs"/>: the client was a whole
/// token behind when the first token came;</item>
/// <item><c>send</c> (kernel clock): from the request's first write call to the return of its last took
/// longer than <see cref="ToleranceMs"/> (the thread was held up around the write): the request left
/// somewhere in that window, and TTFT starts at its end.</item>
/// </list>
/// A server that sends tokens back to back (no cadence) flags nothing: merging moves no stamp.
/// </summary>
internal static class MeasurementFlags
{
    /// <summary>The error a flag guards against: a first-token stamp off by more than this many ms.</summary>
    public const double ToleranceMs = 1.0;

    /// <summary>
    /// A first read later than this share of the token gap flags the request. A whole gap: with kernel stamps a
    /// late read alone moves no stamp (packet captures: 6 ms lags at 10 ms gaps were exact to 5 µs), but a client
    /// a whole gap behind is merging tokens, and a server that paused just then is all that kept this one apart.
    /// </summary>
    public const double ReadLagFraction = 1.0;

    public const string Merged = "merged";

    public const string ReadLag = "read_lag";

    public const string Send = "send";

    /// <summary>The median non-zero gap between chunks over a load point's requests (ticks; 0: none).</summary>
    public static long Cadence(IEnumerable<RequestTiming> timings)
    {
        var gaps = new List<long>();
        foreach (var t in timings)
        {
            var chunks = t.ChunkTs;
            for (var i = 1; i < chunks.Length; i++)
            {
                if (chunks[i] > chunks[i - 1])
                {
                    gaps.Add(chunks[i] - chunks[i - 1]);
                }
            }
        }

        if (gaps.Count == 0)
        {
            return 0;
        }

        gaps.Sort();
        return gaps[gaps.Count / 2];
    }

    /// <summary>The flag (null when the first token's time can be trusted) and its reason.</summary>
    public static (string? Flag, string? Reason) Classify(RequestTiming timing, long cadence)
    {
        var chunks = timing.ChunkTs;
        if (chunks.Length == 0)
        {
            return (null, null);
        }

        var windowMs = timing.SendWindowTicks > 0 ? Ms(timing.SendWindowTicks) : 0;
        if (windowMs > ToleranceMs)
        {
            return (Send, Text(
                $"the request took {windowMs:0.###} ms to hand to the kernel (the client thread was held up around ",
                $"the write): it left somewhere in that window, so TTFT may be short by up to that much"));
        }

        if (cadence <= 0)
        {
            return (null, null);
        }

        var merged = 1;
        while (merged < chunks.Length && chunks[merged] == chunks[0])
        {
            merged++;
        }

        var gapMs = Ms(cadence);
        if (merged >= 2)
        {
            return (Merged, Text(
                $"the first token arrived in one read with {merged - 1} later one(s): its stamp is the last one's, ",
                $"so TTFT may be late (by {(merged - 1) * gapMs:0.###} ms at this load point's {gapMs:0.###} ms ",
                $"token gap, more when the server sent a backlog)"));
        }

        var lagMs = timing.FirstReadLagTicks > 0 ? Ms(timing.FirstReadLagTicks) : 0;
        if (lagMs > ToleranceMs && lagMs > ReadLagFraction * gapMs)
        {
            return (ReadLag, Text(
                $"the first token waited {lagMs:0.###} ms in the socket before the client read it, over the ",
                $"{gapMs:0.###} ms token gap: the client was a token behind"));
        }

        return (null, null);
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static string Text(params FormattableString[] parts) =>
        string.Concat(parts.Select(p => p.ToString(CultureInfo.InvariantCulture)));
}
