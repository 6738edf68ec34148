namespace CiGate.Core.Comparing.Pairwise;

/// <summary>
/// One item judged in both orders: <see cref="BaseFirst"/> with the base's answer shown first,
/// <see cref="HeadFirst"/> with the head's; both null when the outputs were identical.
/// Lengths are in UTF-16 characters, for the length-controlled view.
/// </summary>
public sealed record PairwiseItemResult(
    string Id,
    PairwiseOutcome Outcome,
    PairwiseWinner? BaseFirst,
    PairwiseWinner? HeadFirst,
    int BaseLength,
    int HeadLength)
{
    /// <summary>The head's score: 1 for a win, 0 for a loss, ½ for any kind of tie.</summary>
    public double Score => Outcome switch
    {
        PairwiseOutcome.Win => 1,
        PairwiseOutcome.Loss => 0,
        _ => 0.5,
    };
}
