using System.Globalization;
using CiGate.Simulator;

namespace CiGate.Bench;

/// <summary>
/// `perf-sim TTFT_MS ITL_MS [steps|timers]`: the simulator in its own process, stamping every chunk
/// with its Stopwatch timestamp, so the load generator's CPU and the server's are measured apart.
/// `steps` (the default) emits tokens in decode steps shared by all streams, as a batched server does.
/// </summary>
internal static class PerfSimHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var itl = TimeSpan.FromMilliseconds(double.Parse(args[1], CultureInfo.InvariantCulture));
        var options = new SimulatorOptions
        {
            TimeToFirstToken = TimeSpan.FromMilliseconds(double.Parse(args[0], CultureInfo.InvariantCulture)),
            InterTokenLatency = itl,

            // No stamps for the ceiling (no latency): nothing to measure against, and stamping sends inline.
            Performance = new PerformanceOptions { SendTimestamps = itl > TimeSpan.Zero, DecodeSteps = args.Length < 3 || args[2] != "timers" },
        };
        await using var server = await SimulatorServer.StartAsync(options, CancellationToken.None);
        Console.WriteLine(server.BaseUrl);
        await Console.Out.FlushAsync();

        // Serves until the benchmark kills the process.
        await Task.Delay(Timeout.Infinite);
        return 0;
    }
}
