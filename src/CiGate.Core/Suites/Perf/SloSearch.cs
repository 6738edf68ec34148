namespace CiGate.Core.Suites.Perf;

/// <summary>
/// The highest rate (or concurrency) at which every SLO holds: double from the start until a load
/// point breaks one (or the maximum), then bisect between the last good and the first bad load.
/// </summary>
internal static class SloSearch
{
    public static async Task RunAsync(SloSearchSpec search, PerfPlan.Step step, CancellationToken ct)
    {
        double good = 0, bad = double.NaN;
        for (var load = search.Start; load <= search.Max; load *= 2)
        {
            if (await HoldsAsync(search, load, step, ct))
            {
                good = load;
            }
            else
            {
                bad = load;
                break;
            }
        }

        for (var i = 0; i < search.Steps && !double.IsNaN(bad); i++)
        {
            var mid = search.ByConcurrency ? Math.Floor((good + bad) / 2) : Math.Round((good + bad) / 2, 3);
            if (mid <= good || mid >= bad)
            {
                break;
            }

            if (await HoldsAsync(search, mid, step, ct))
            {
                good = mid;
            }
            else
            {
                bad = mid;
            }
        }
    }

    private static async Task<bool> HoldsAsync(SloSearchSpec search, double load, PerfPlan.Step step, CancellationToken ct)
    {
        var point = search.ByConcurrency
            ? new LoadPointInfo($"search-c{(int)load}", "slo-search", step.Repeat, null, (int)load)
            : new LoadPointInfo(PerfPlan.RateLabel("search", load), "slo-search", step.Repeat, load, null);
        return (await step.RunAsync(point, ct)).SlosMet;
    }
}
