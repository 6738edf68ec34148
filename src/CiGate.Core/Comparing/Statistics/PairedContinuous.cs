using MathNet.Numerics.Distributions;

namespace CiGate.Core.Comparing.Statistics;

/// <summary>
/// Paired comparison of a per-item score (F1, a mean over repeats, a grouped metric) on the
/// same items. Both methods work on the differences dᵢ = headᵢ − baseᵢ, which is what pairing
/// buys: the item-to-item spread cancels. Deterministic for a given seed.
/// </summary>
public static class PairedContinuous
{
    /// <summary>Cap on resampling work (items × iterations) per call; see <see cref="EffectiveIterations"/>.</summary>
    public const long MaxDraws = 200_000_000;

    /// <summary>The fewest iterations a capped call still runs (p-value resolution ≈ 0.001).</summary>
    public const int MinIterations = 1_000;

    /// <summary>Up to this many non-zero differences (m), the sign-flip test enumerates all 2^m patterns.</summary>
    public const int ExactSignFlipLimit = 16;

    // Replicates within this fraction of the typical |dᵢ| of zero count as ties: sums of
    // non-representable values (0.1, 1/3) land a few ulps off zero, and a tie counts for the null.
    private const double RelativeTieTolerance = 1e-9;

    /// <summary>
    /// The iterations a resampling call with n items really runs: the requested number while
    /// n × iterations ≤ <see cref="MaxDraws"/>, else MaxDraws / n but never below
    /// <see cref="MinIterations"/>. 12k items (MMLU-Pro) keep the default 10,000; 100k items run 2,000.
    /// </summary>
    public static int EffectiveIterations(int n, int iterations)
    {
        if (n <= 0 || (long)n * iterations <= MaxDraws)
        {
            return iterations;
        }

        return (int)Math.Min(iterations, Math.Max(MinIterations, MaxDraws / n));
    }

    /// <summary>
    /// Paired bootstrap over items: each replicate resamples n items with replacement and takes
    /// the mean of their dᵢ. StdErr is the standard deviation of the replicates; the CI is the
    /// percentile interval (type-7 quantiles at (1 − confidence)/2 and its complement).
    /// PValueRegression = (1 + #replicates not worse than zero) / (1 + B), where "not worse" is
    /// mean ≥ 0 when higher is better and ≤ 0 otherwise: the smallest α at which the one-sided
    /// (1 − α) percentile bound excludes "no regression". PValueTwoSided = min(1, 2·min of the
    /// two one-sided counts, each smoothed the same way). Ties at zero count for the null, so
    /// identical runs give p = 1. Work is capped (see <see cref="EffectiveIterations"/>), and
    /// above 131,072 items each replicate weights every item by a Poisson(1) draw instead of
    /// drawing n indices (the Poisson bootstrap: same answer at that size, cache-friendly).
    /// Like every bootstrap it is anti-conservative with very few items (with n = 1 the
    /// replicates cannot vary): prefer <see cref="SignFlip"/> below ~30 items.
    /// </summary>
    public static PairedContinuousResult Bootstrap(
        ReadOnlySpan<double> baseValues,
        ReadOnlySpan<double> headValues,
        int iterations = 10_000,
        int seed = 20240601,
        double confidence = 0.95,
        bool higherIsBetter = true)
    {
        var d = PairedInputs.Differences(baseValues, headValues);
        PairedInputs.ValidateOptions(iterations, confidence);
        var n = d.Length;
        var replicates = BootstrapEngine.BootstrapMeans(d, EffectiveIterations(n, iterations), seed);
        Array.Sort(replicates);

        var tolerance = RelativeTieTolerance * PairedInputs.MeanAbsolute(d);
        int atLeastZero = 0, atMostZero = 0;
        foreach (var replicate in replicates)
        {
            atLeastZero += replicate >= -tolerance ? 1 : 0;
            atMostZero += replicate <= tolerance ? 1 : 0;
        }

        var b = replicates.Length;
        var notWorse = higherIsBetter ? atLeastZero : atMostZero;
        var alpha = 1 - confidence;
        return new PairedContinuousResult(
            N: n,
            BaseMean: Descriptive.Mean(baseValues),
            HeadMean: Descriptive.Mean(headValues),
            Delta: Descriptive.Mean(d),
            StdErr: Descriptive.SampleStdDev(replicates),
            CiLow: Descriptive.QuantileOfSorted(replicates, alpha / 2),
            CiHigh: Descriptive.QuantileOfSorted(replicates, 1 - (alpha / 2)),
            PValueRegression: (notWorse + 1.0) / (b + 1.0),
            PValueTwoSided: Math.Min(1, 2 * (Math.Min(atLeastZero, atMostZero) + 1.0) / (b + 1.0)),
            Method: "bootstrap");
    }

    /// <summary>
    /// Sign-flip permutation test: under "no change" each dᵢ is as likely to be −dᵢ, so the
    /// observed total Σgᵢ (g = d oriented so that positive means better) is compared with totals
    /// under random sign patterns. PValueRegression = P(flipped total ≤ observed);
    /// PValueTwoSided = P(|flipped total| ≥ |observed|). With at most
    /// <see cref="ExactSignFlipLimit"/> non-zero differences all 2^m patterns are enumerated and
    /// the p-values are exact (for ±1 differences this is exactly McNemar's test); otherwise
    /// they are (1 + count) / (1 + B) over B random patterns, work capped as for the bootstrap.
    /// The CI is Delta ± t(n − 1)·s/√n; with one item (or all dᵢ equal) it has zero width.
    /// </summary>
    public static PairedContinuousResult SignFlip(
        ReadOnlySpan<double> baseValues,
        ReadOnlySpan<double> headValues,
        int iterations = 10_000,
        int seed = 20240601,
        double confidence = 0.95,
        bool higherIsBetter = true)
    {
        var d = PairedInputs.Differences(baseValues, headValues);
        PairedInputs.ValidateOptions(iterations, confidence);
        var n = d.Length;
        var nonZero = d.Where(x => x != 0).Select(x => higherIsBetter ? x : -x).ToArray();
        var observed = Descriptive.CompensatedSum(nonZero);
        var tolerance = RelativeTieTolerance * nonZero.Sum(Math.Abs);

        double pRegression = 1, pTwoSided = 1;
        if (nonZero.Length > 0)
        {
            var exact = nonZero.Length <= ExactSignFlipLimit;
            var flipped = exact
                ? SignFlipEngine.AllFlippedSums(nonZero)
                : SignFlipEngine.RandomFlippedSums(nonZero, EffectiveIterations(nonZero.Length, iterations), seed);
            int asLow = 0, asExtreme = 0;
            foreach (var s in flipped)
            {
                // Flipped total = observed − 2s.
                var total = observed - (2 * s);
                asLow += total <= observed + tolerance ? 1 : 0;
                asExtreme += Math.Abs(total) >= Math.Abs(observed) - tolerance ? 1 : 0;
            }

            var smoothing = exact ? 0.0 : 1.0;
            pRegression = (asLow + smoothing) / (flipped.Length + smoothing);
            pTwoSided = Math.Min(1, (asExtreme + smoothing) / (flipped.Length + smoothing));
        }

        var delta = Descriptive.Mean(d);
        var stdErr = n >= 2 ? Descriptive.StdErr(d) : 0;
        var halfWidth = n >= 2 ? StudentT.InvCDF(0, 1, n - 1, 1 - ((1 - confidence) / 2)) * stdErr : 0;
        return new PairedContinuousResult(
            N: n,
            BaseMean: Descriptive.Mean(baseValues),
            HeadMean: Descriptive.Mean(headValues),
            Delta: delta,
            StdErr: stdErr,
            CiLow: delta - halfWidth,
            CiHigh: delta + halfWidth,
            PValueRegression: pRegression,
            PValueTwoSided: pTwoSided,
            Method: "sign-flip");
    }
}
