using System.Globalization;

namespace CiGate.Bench;

/// <summary>
/// `perf-accuracy [--levels 1,64,512] [--itl 10,20,40] [--max-streams 1024,2048] [--no-reference]
/// [--no-timers] [--pin] [--bare-first]`. The first ITL runs every level; later ones run the levels
/// from 512 up. --bare-first measures the reference before cigate at each level (order effects).
/// </summary>
internal sealed record PerfBenchOptions(int[] Levels, double[] Itls, int[] MaxStreams, bool Reference, bool Timers, bool Pin, bool Pinned, bool BareFirst)
{
    public static PerfBenchOptions Parse(string[] args)
    {
        return new PerfBenchOptions(
            Ints(Value(args, "--levels") ?? "1,64,512"),
            [.. (Value(args, "--itl") ?? "10,20,40").Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture))],
            Ints(Value(args, "--max-streams") ?? "1024,2048"),
            !args.Contains("--no-reference"),
            !args.Contains("--no-timers"),
            args.Contains("--pin"),
            args.Contains("--pinned"),
            args.Contains("--bare-first"));
    }

    private static int[] Ints(string text) =>
        text.Length == 0 ? [] : [.. text.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
