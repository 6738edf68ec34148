namespace CiGate.Core.Comparing.Pairwise;

/// <summary>
/// The `min_win_rate` rule: fail only when the corrected win rate's whole interval lies below the
/// bar, i.e. its upper bound is under it; a small suite whose interval still reaches the bar passes.
/// </summary>
public static class PairwiseGate
{
    public static PairwiseGateResult Evaluate(PairwiseSummary summary, double minWinRate)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var rate = summary.CorrectedWinRate;
        var failed = rate.Items > 0 && rate.High < minWinRate;
        var interval = FormattableString.Invariant($"[{rate.Low:0.000}, {rate.High:0.000}]");
        var reason = rate.Items == 0
            ? "no item was judged consistently"
            : FormattableString.Invariant(
                $"win rate {rate.Rate:0.000} {interval} over {rate.Items} items ")
              + (failed
                  ? FormattableString.Invariant($"is below min_win_rate {minWinRate:0.00}")
                  : FormattableString.Invariant($"reaches min_win_rate {minWinRate:0.00}"));
        return new(!failed, reason);
    }
}

/// <summary>Whether the pairwise gate passed, and why, in one line.</summary>
public sealed record PairwiseGateResult(bool Passed, string Reason);
