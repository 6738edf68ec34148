namespace CiGate.Core.Comparing.Pairwise;

/// <summary>One item of a suite as both runs answered it.</summary>
public sealed record PairwiseItem(string Id, string Input, string BaseOutput, string HeadOutput);
