using System.Diagnostics;
using System.Globalization;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// Where a sweep stands, for its progress lines: "load point 3 of 8, about 2 min left", the time
/// left at the pace of the load points measured so far in this process (recalled ones, on resume,
/// count as done but not toward the pace). An slo-search does not know its steps in advance: its
/// lines say "load point 3" and no time.
/// </summary>
internal sealed class SweepClock(int total)
{
    private readonly long started = Stopwatch.GetTimestamp();
    private int measured;
    private int passed;

    /// <summary>A load point recalled from an earlier, interrupted run: done, and took no time now.</summary>
    public void Recalled() => passed++;

    /// <summary>A load point just measured; returns the progress text for its line.</summary>
    public string Measured() => Measured(Stopwatch.GetElapsedTime(started));

    /// <summary><see cref="Measured()"/> at a given elapsed time (tests).</summary>
    internal string Measured(TimeSpan elapsed)
    {
        measured++;
        passed++;
        if (total <= 0)
        {
            return Invariant($"load point {passed}");
        }

        var left = total - passed;
        if (left <= 0)
        {
            return Invariant($"load point {passed} of {total}");
        }

        var time = Running.TimeLeft.Format(elapsed.TotalSeconds / measured * left);
        return Invariant($"load point {passed} of {total}, about {time} left");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
