namespace CiGate.Core.Config;

/// <summary>What a target is for. Graders (LLM judges, embedding models) are called by assertions and classifiers, never run as a suite's model.</summary>
public enum TargetRole
{
    Model,
    Grader,

    /// <summary>Proposes assertions for `cigate draft-tests`; never run as a suite's model.</summary>
    Generator,
}
