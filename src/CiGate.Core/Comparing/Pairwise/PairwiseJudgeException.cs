namespace CiGate.Core.Comparing.Pairwise;

/// <summary>The pairwise judge replied, but not with a verdict the gate can trust.</summary>
public sealed class PairwiseJudgeException : Exception
{
    public PairwiseJudgeException()
    {
    }

    public PairwiseJudgeException(string message)
        : base(message)
    {
    }

    public PairwiseJudgeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
