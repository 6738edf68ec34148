namespace CiGate.Core.Comparing.Pairwise;

/// <summary>Whatever says which of two answers is better: a grader target, in production.</summary>
public interface IPairwiseJudge
{
    ValueTask<PairwiseWinner> JudgeAsync(PairwiseQuestion question, CancellationToken cancellationToken);
}
