using System.Globalization;
using CiGate.Core.Config;
using CiGate.Core.Gating;
using CiGate.Core.Results;
using CiGate.Core.Suites;

namespace CiGate.Cli.Output;

/// <summary>The human summary of a run: one block per suite × target, metrics with standard errors.</summary>
internal static class SummaryPrinter
{
    public static void Print(TextWriter w, RunResults results, string folder)
    {
        var samples = results.Suites.Sum(s => s.Counts.Completed + s.Counts.Errored);
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cigate run {results.Status} in {results.DurationSeconds:0.0} s: {results.Suites.Count} suite run(s), {samples} samples"));
        if (results.Shard is { } shard)
        {
            // A shard's metrics cover its own items: useful to eyeball, not to gate on.
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"shard {shard.Index}/{shard.Count}: these metrics cover this shard's items only; 'cigate merge' the {shard.Count} shard folders for the whole run's"));
        }
        if (results.BudgetStop is { } budgetStop)
        {
            w.WriteLine($"{budgetStop}; the verdict of a suite cut short is inconclusive");
        }

        foreach (var suite in results.Suites)
        {
            var c = suite.Counts;
            w.WriteLine();
            if (SuiteSummaries.TryPrintWhole(w, suite))
            {
                continue;
            }

            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{suite.Suite} on {suite.Target} ({suite.Model}): {c.Items} items x {c.Repeats} repeat(s), {c.Completed} completed, {c.Errored} errored, {c.Missing} missing, {c.Cached} cached"));
            if (suite.Reused is { } reused)
            {
                w.WriteLine($"  {Core.Gating.Gate.ReusedLine(reused)}");
            }

            var width = Math.Max(24, suite.Metrics.Keys.Select(k => k.Length + 2).DefaultIfEmpty(0).Max()); // a shard can hold no item of a small suite
            foreach (var (name, metric) in suite.Metrics)
            {
                var filter = name.Split(',').Last();
                var invalid = c.Invalid.TryGetValue(filter, out var n) && c.Completed > 0 ? $"  invalid {100.0 * n / c.Completed:0.0}%" : "";
                w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name.PadRight(width)} {metric.Value,7:0.0000} ± {metric.StdErr:0.0000}  (n={metric.N}){invalid}"));
            }

            if (suite.Groups is { Count: > 0 } groups && suite.Macro is { } macro)
            {
                var first = suite.Metrics.Keys.First();
                w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  by {suite.GroupBy} ({first}; macro average {macro[first].Value:0.0000}):"));
                foreach (var group in groups)
                {
                    var m = group.Metrics[first];
                    w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {group.Name,-24} {m.Value,7:0.0000} ± {m.StdErr:0.0000}  (n={m.N})"));
                }
            }

            SuiteSummaries.PrintDetails(w, suite);
            var u = suite.Usage;
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  latency p50 {u.LatencyP50Ms:0.0} ms, p95 {u.LatencyP95Ms:0.0} ms; tokens {u.PromptTokens} prompt, {u.CompletionTokens} completion"));
            if (UsageText.Extra(u) is { } extra)
            {
                w.WriteLine($"  usage: {extra}");
            }

            if (suite.BudgetStop is { } stop)
            {
                w.WriteLine($"  stopped: {stop}");
            }
        }

        if (results.Suites.Any(s => GateModes.HasCases(s.Kind)))
        {
            var cases = FailingCase.InRun(results, ItemsFile.Read(Path.Combine(folder, ItemsFile.FileName), out _));
            if (cases.Count > 0)
            {
                w.WriteLine();
                VerdictPrinter.PrintFailingCases(w, cases, "failing on every repeat first");
            }
        }

        w.WriteLine();
        w.WriteLine($"results: {Path.Combine(folder, RunResults.FileName)}");
    }
}
