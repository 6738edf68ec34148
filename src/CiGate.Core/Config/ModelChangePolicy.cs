namespace CiGate.Core.Config;

/// <summary>`gate: model_change:` whether a change of what answers the suite is the point of the change.</summary>
public enum ModelChangePolicy
{
    /// <summary>A different served identity than base's is a silent swap: the comparison is invalid.</summary>
    Unexpected,

    /// <summary>The pull request changes the model on purpose: compare as usual and list the change.</summary>
    Expected,
}
