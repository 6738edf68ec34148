using System.Diagnostics;
using CiGate.Core.Running;

namespace CiGate.Cli.Output;

/// <summary>A progress line on stderr: redrawn in a terminal, a line per 10% when redirected (CI logs).</summary>
internal sealed class ProgressPrinter(TextWriter stderr) : IProgress<RunProgress>
{
    private readonly Lock gate = new();
    private readonly long started = Stopwatch.GetTimestamp();
    private readonly bool redraw = !Console.IsErrorRedirected;
    private long lastDraw;
    private int lastDecile = -1;
    private bool drew;

    public void Report(RunProgress value)
    {
        lock (gate)
        {
            if (value.Status is { } status)
            {
                // A line of its own, after any redrawn count, which the next count redraws below it.
                stderr.Write((redraw && drew ? Environment.NewLine : "") + "  " + status + Environment.NewLine);
                drew = false;
                return;
            }

            var now = Stopwatch.GetTimestamp();
            var decile = value.Total == 0 ? 10 : value.Done * 10 / value.Total;
            if (redraw ? Stopwatch.GetElapsedTime(lastDraw, now).TotalMilliseconds < 250 && value.Done != value.Total : decile == lastDecile)
            {
                return;
            }

            lastDraw = now;
            lastDecile = decile;
            var seconds = Stopwatch.GetElapsedTime(started, now).TotalSeconds;
            var rate = seconds > 0 ? value.Done / seconds : 0;
            var left = rate > 0 && value.Done < value.Total ? $", about {TimeLeft.Format((value.Total - value.Done) / rate)} left" : "";
            var line = $"  {value.Done}/{value.Total} samples ({100.0 * value.Done / Math.Max(1, value.Total):0.0}%), {rate:0} /s, {value.Errors} errors{left}";
            stderr.Write(redraw ? $"\r{line,-72}" : line + Environment.NewLine);
            drew = true;
        }
    }

    public void Finish()
    {
        if (redraw && drew)
        {
            stderr.WriteLine();
        }
    }
}
