using System.Diagnostics;
using System.Globalization;

namespace CiGate.Bench;

/// <summary>The simulator as a child process (`perf-sim`), optionally pinned to CPU 1.</summary>
internal sealed class SimChild : IServerChild
{
    private readonly ChildProcess child;

    private SimChild(ChildProcess child, Uri url, double itlMs, bool steps)
    {
        this.child = child;
        Url = url;
        ItlMs = itlMs;
        Model = steps ? "steps" : "timers";
    }

    public Uri Url { get; }

    public double ItlMs { get; }

    public string Model { get; }

    public Process Process => child.Process;

    public static async Task<SimChild> StartAsync(double ttftMs, double itlMs, bool steps, bool pinned)
    {
        var self = typeof(SimChild).Assembly.Location;
        string[] sim = ["dotnet", self, "perf-sim", ttftMs.ToString(CultureInfo.InvariantCulture), itlMs.ToString(CultureInfo.InvariantCulture), steps ? "steps" : "timers"];
        var child = pinned ? ChildProcess.Start("taskset", ["-c", "1", .. sim]) : ChildProcess.Start(sim[0], sim[1..]);
        var line = await child.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the simulator did not start");
        return new SimChild(child, new Uri(line.Trim()), itlMs, steps);
    }

    public ValueTask DisposeAsync()
    {
        child.Dispose();
        return ValueTask.CompletedTask;
    }
}
