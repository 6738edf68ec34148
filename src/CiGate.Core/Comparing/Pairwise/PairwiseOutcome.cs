namespace CiGate.Core.Comparing.Pairwise;

/// <summary>An item's reconciled result, from the head's side.</summary>
public enum PairwiseOutcome
{
    /// <summary>Both orders prefer the head.</summary>
    Win,

    /// <summary>Both orders prefer the base.</summary>
    Loss,

    /// <summary>Both orders call it even.</summary>
    Tie,

    /// <summary>Base and head said the same thing: a tie, and the judge was not asked.</summary>
    Identical,

    /// <summary>The verdict changed when the answers swapped places: a tie, counted against the judge.</summary>
    Inconsistent,
}
