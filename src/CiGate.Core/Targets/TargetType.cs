namespace CiGate.Core.Targets;

/// <summary>
/// What a target is (<c>type:</c> in cigate.yml): an OpenAI-compatible model endpoint, or the team's own process.
/// </summary>
public enum TargetType
{
    /// <summary>An OpenAI-compatible endpoint (the default).</summary>
    OpenAI,

    /// <summary>
    /// A process spoken to over stdin/stdout (<c>cigate-exec/1</c>, see docs/targets/exec-protocol.md).
    /// </summary>
    Exec,
}
