namespace CiGate.Core.Comparing.Pairwise;

/// <summary>A judge's verdict on one ordering: the answer shown first, the one shown second, or neither.</summary>
public enum PairwiseWinner
{
    First,
    Second,
    Tie,
}
