using System.Diagnostics;
using System.Globalization;

namespace CiGate.Bench;

/// <summary>
/// CPU of this process, of the simulator child and of the whole machine (/proc/stat), plus this
/// process's allocations and collections: what a load point cost and who else was using the cores.
/// </summary>
internal readonly record struct CpuMeter(long Ticks, TimeSpan Client, TimeSpan Server, double MachineBusyMs, double InterruptMs, long Allocated, int Gen0, int Gen1, int Gen2)
{
    public static CpuMeter Take(Process? server)
    {
        server?.Refresh();
        return new CpuMeter(
            Stopwatch.GetTimestamp(),
            Process.GetCurrentProcess().TotalProcessorTime,
            server?.TotalProcessorTime ?? TimeSpan.Zero,
            ReadProcStat(out var interrupts),
            interrupts,
            GC.GetTotalAllocatedBytes(precise: true),
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2));
    }

    /// <summary>The 1-minute load average, or NaN off Linux.</summary>
    public static double LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>
    /// Busy time of all cores since boot outside interrupts, and the interrupt time apart (the
    /// aggregate line of /proc/stat, USER_HZ = 100). Loopback TCP is mostly softirq time, which no
    /// process is charged for, so it shows there rather than under client or server.
    /// </summary>
    private static double ReadProcStat(out double interruptMs)
    {
        interruptMs = double.NaN;
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var fields = (reader.ReadLine() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long busy = 0, interrupts = 0;
            for (var i = 1; i < fields.Length && i <= 8; i++)
            {
                var value = long.Parse(fields[i], CultureInfo.InvariantCulture);
                switch (i)
                {
                    case 4 or 5:
                        break; // idle, iowait
                    case 6 or 7:
                        interrupts += value; // irq, softirq
                        break;
                    default:
                        busy += value; // user, nice, system, steal
                        break;
                }
            }

            interruptMs = interrupts * 10.0;
            return busy * 10.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}
