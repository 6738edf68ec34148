using CiGate.Core.Comparing.Statistics;
using CiGate.Core.Results;
using MathNet.Numerics.Distributions;

namespace CiGate.Core.Comparing;

/// <summary>Chooses the test for a metric: exact McNemar for 0/1 items, paired bootstrap otherwise.</summary>
internal static class MetricTests
{
    public static MetricComparison Paired(string metric, double[] b, double[] h, CompareOptions options)
    {
        if (IsBinary(b) && IsBinary(h))
        {
            var baseCorrect = b.Select(v => v == 1).ToArray();
            var headCorrect = h.Select(v => v == 1).ToArray();
            var r = PairedBinary.Compare(baseCorrect, headCorrect, options.Confidence);
            return new MetricComparison(metric, "paired, exact McNemar", r.N, r.BaseRate, r.HeadRate, r.Delta, r.StdErr, r.CiLow, r.CiHigh,
                r.PValueRegression, r.PValueTwoSided, r.PValueRegression, r.Regressions, r.Improvements, r.FlipRate);
        }

        // Every metric so far is higher-is-better (scores in [0, 1]); a kind that adds a lower-is-better
        // metric (latency) must pass its direction here. Below ~30 items the bootstrap's percentile
        // interval is unreliable, and the sign-flip test is exact (all sign patterns) up to 16 items.
        var c = b.Length < 30
            ? PairedContinuous.SignFlip(b, h, options.BootstrapIterations, options.Seed, options.Confidence, higherIsBetter: true)
            : PairedContinuous.Bootstrap(b, h, options.BootstrapIterations, options.Seed, options.Confidence, higherIsBetter: true);
        int regressions = 0, improvements = 0;
        for (var i = 0; i < b.Length; i++)
        {
            regressions += h[i] < b[i] ? 1 : 0;
            improvements += h[i] > b[i] ? 1 : 0;
        }

        return new MetricComparison(metric, c.Method == "sign-flip" ? "paired sign-flip permutation" : "paired bootstrap", c.N, c.BaseMean, c.HeadMean, c.Delta, c.StdErr, c.CiLow, c.CiHigh,
            c.PValueRegression, c.PValueTwoSided, c.PValueRegression, regressions, improvements, (double)(regressions + improvements) / c.N);
    }

    /// <summary>Two independent means (the definition changed, so items are different questions).</summary>
    public static MetricComparison Unpaired(string metric, MetricSummary b, MetricSummary h, double confidence)
    {
        var delta = h.Value - b.Value;
        var se = Math.Sqrt((b.StdErr * b.StdErr) + (h.StdErr * h.StdErr));
        var z = Normal.InvCDF(0, 1, 1 - ((1 - confidence) / 2));
        var pRegression = se > 0 ? Normal.CDF(0, 1, delta / se) : delta < 0 ? 0 : 1;
        var pTwoSided = se > 0 ? 2 * Normal.CDF(0, 1, -Math.Abs(delta) / se) : delta == 0 ? 1 : 0;
        return new MetricComparison(metric, "unpaired z-test", Math.Min(b.N, h.N), b.Value, h.Value, delta, se, delta - (z * se), delta + (z * se),
            pRegression, Math.Min(1, pTwoSided), pRegression, 0, 0, 0);
    }

    private static bool IsBinary(double[] values)
    {
        foreach (var v in values)
        {
            if (v is not (0 or 1))
            {
                return false;
            }
        }

        return true;
    }
}
