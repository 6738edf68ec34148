namespace CiGate.Core.Comparing.Pairwise;

/// <summary>
/// The win rate among items whose head answer is shorter, about as long, or longer than the base's
/// (by more than <see cref="PairwiseSummary.SimilarLength"/> of the longer one): a head that wins
/// only where it is longer may be winning on the judge's taste for length.
/// </summary>
public sealed record PairwiseLengthBucket(string Name, PairwiseRate WinRate);
