using System.Diagnostics;
using System.Globalization;
using CiGate.Core.Suites.Perf;

namespace CiGate.Bench;

/// <summary>Turns the timings of one load into a <see cref="PerfRow"/> and prints rows as a table.</summary>
internal static class PerfRows
{
    public const string Header =
        "client       server  itl  streams  reqs  chunks  chunk/s  load1 | client cores  us/chunk  ms/req  B/chunk  gc0/gc2 | server cores  us/chunk | others  irq | err p50  err p99  err max | win err p50  p99  max  send p99 | gap err p50  p99 | gap p50  ttft p50";

    public static PerfRow From(string client, string server, double itlMs, int streams, IReadOnlyList<RequestTiming> timings, CpuMeter before, CpuMeter after)
    {
        var errors = new List<double>();
        var windowErrors = new List<double>();
        var stalls = new List<double>();
        var gapErrors = new List<double>();
        var gaps = new List<double>();
        var ttfts = new List<double>();
        long chunks = 0;
        var failed = 0;
        foreach (var t in timings)
        {
            if (t.Error is not null)
            {
                failed++;
                continue;
            }

            var arrived = t.ChunkTs;
            var sent = t.ServerTs;
            var flushed = t.ServerFlushedTs;
            chunks += t.Chunks;
            for (var i = 0; i < t.Chunks; i++)
            {
                if (sent[i] != 0)
                {
                    errors.Add(Ms(arrived[i] - sent[i]));
                }

                if (sent[i] != 0 && flushed[i] >= sent[i])
                {
                    // The chunk left the server between its sent stamp and its flush returning: how far outside that window the client put it.
                    windowErrors.Add(Ms(arrived[i] < sent[i] ? sent[i] - arrived[i] : arrived[i] > flushed[i] ? arrived[i] - flushed[i] : 0));
                    stalls.Add(Ms(flushed[i] - sent[i]));
                }

                if (i > 0)
                {
                    gaps.Add(Ms(arrived[i] - arrived[i - 1]));
                    if (sent[i] != 0 && sent[i - 1] != 0)
                    {
                        gapErrors.Add(Math.Abs(Ms(arrived[i] - arrived[i - 1]) - Ms(sent[i] - sent[i - 1])));
                    }
                }
            }

            if (t.Chunks > 0)
            {
                ttfts.Add(Ms(arrived[0] - t.SentTs));
            }
        }

        errors.Sort();
        windowErrors.Sort();
        stalls.Sort();
        gapErrors.Sort();
        gaps.Sort();
        ttfts.Sort();
        var clientMs = (after.Client - before.Client).TotalMilliseconds;
        var serverMs = (after.Server - before.Server).TotalMilliseconds;
        return new PerfRow(
            client, server, itlMs, streams, timings.Count, failed, chunks, Ms(after.Ticks - before.Ticks) / 1000,
            clientMs, serverMs, Math.Max(0, after.MachineBusyMs - before.MachineBusyMs - clientMs - serverMs), after.InterruptMs - before.InterruptMs, CpuMeter.LoadAverage(),
            after.Allocated - before.Allocated, after.Gen0 - before.Gen0, after.Gen2 - before.Gen2,
            errors, gapErrors, gaps, ttfts, windowErrors, stalls, timings.FirstOrDefault(t => t.Error is not null)?.Error);
    }

    public static void Print(PerfRow r)
    {
        var chunks = Math.Max(1, r.Chunks);
        var wall = Math.Max(1e-9, r.WallSeconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Client,-11}  {r.ServerModel,-6}  {r.ItlMs,3:0}  {r.Streams,7}  {r.Requests,4}  {r.Chunks,6}  {r.Chunks / wall,7:0}  {r.Load,5:0.0} | {r.ClientCpuMs / 1000 / wall,12:0.00}  {r.ClientCpuMs * 1000 / chunks,8:0.0}  {r.ClientCpuMs / Math.Max(1, r.Requests),6:0.00}  {r.AllocatedBytes / chunks,7:0}  {r.Gen0,3}/{r.Gen2,-3} | {r.ServerCpuMs / 1000 / wall,12:0.00}  {r.ServerCpuMs * 1000 / chunks,8:0.0} | {r.OthersCpuMs / 1000 / wall,6:0.00} {r.InterruptCpuMs / 1000 / wall,4:0.00} | {P(r.Errors, 50),7:0.00}  {P(r.Errors, 99),7:0.00}  {P(r.Errors, 100),7:0.00} | {P(r.WindowErrors, 50),11:0.00} {P(r.WindowErrors, 99),5:0.00} {P(r.WindowErrors, 100),5:0.00} {P(r.Stalls, 99),9:0.00} | {P(r.GapErrors, 50),11:0.00}  {P(r.GapErrors, 99),5:0.00} | {P(r.Gaps, 50),7:0.00}  {P(r.Ttfts, 50),8:0.0}{(r.Failed > 0 ? $"  ({r.Failed} failed: {r.FirstError})" : "")}"));
    }

    private static double P(List<double> sorted, double percentile) => sorted.Count == 0 ? double.NaN : Distribution.Percentile(sorted, percentile);

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
