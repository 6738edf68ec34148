namespace CiGate.Simulator;

/// <summary>
/// The biases of the simulator's pairwise judge (<see cref="Judge.SimulatedPairwiseJudge"/>), each a
/// probability applied per call, drawn from (model seed, prompt): deterministic per seed. In order:
/// <see cref="Noise"/> replaces the verdict by a coin toss between the two answers,
/// <see cref="LengthBias"/> by the longer answer (when lengths differ), and
/// <see cref="PositionBias"/> by the answer shown first.
/// </summary>
public sealed class PairwiseJudgeOptions
{
    public double PositionBias { get; set; }

    public double LengthBias { get; set; }

    public double Noise { get; set; }
}
