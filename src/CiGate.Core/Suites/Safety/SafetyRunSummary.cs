using System.Globalization;
using CiGate.Core.Results;

namespace CiGate.Core.Suites.Safety;

/// <summary>A safety suite's overall rates (with Wilson intervals) and its classifier's agreement, under the run summary.</summary>
internal static class SafetyRunSummary
{
    public static void Print(TextWriter w, SuiteResult suite)
    {
        if (SafetyReport.Of(suite) is not { } safety)
        {
            return;
        }

        foreach (var rate in safety.Rates.Where(r => r.Scope == "overall"))
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {rate.Metric.Replace('_', '-')} ({rate.Label} prompts) {rate.Rate * 100:0.0}% [{rate.Low * 100:0.0}%, {rate.High * 100:0.0}%] (n={rate.N}; {rate.FullCompliance} complied, {rate.FullRefusal} refused, {rate.PartialRefusal} partly)"));
        }

        if (safety.Agreement is { } a)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {safety.Classifier} vs {a.N} human labels: accuracy {a.Accuracy:0.000}, kappa {a.Kappa:0.000}{(a.Errors > 0 ? $", {a.Errors} unclassified" : "")}"));
        }
    }
}
