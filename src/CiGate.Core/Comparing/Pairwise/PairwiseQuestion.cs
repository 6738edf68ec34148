namespace CiGate.Core.Comparing.Pairwise;

/// <summary>One ordering put to the judge: the item's input and the two answers in the order shown.</summary>
public sealed record PairwiseQuestion(string Input, string First, string Second);
