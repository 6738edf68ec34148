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
        return left <= 0
            ? Invariant($"load point {passed} of {total}")
            : Invariant($"load point {passed} of {total}, about {Eta(elapsed.TotalSeconds / measured * left)} left");
    }

    /// <summary>"45 s", "3 min", "1 h 20 min", as the run's progress line says it.</summary>
    internal static string Eta(double seconds) => seconds switch
    {
        < 90 => Invariant($"{Math.Ceiling(seconds):0} s"),
        < 5400 => Invariant($"{Math.Ceiling(seconds / 60):0} min"),
        _ => Invariant($"{Math.Floor(seconds / 3600):0} h {Math.Ceiling(seconds % 3600 / 60):0} min"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
