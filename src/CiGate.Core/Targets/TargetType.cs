namespace CiGate.Core.Targets;

/// <summary>
/// What a target is (<c>type:</c> in cigate.yml): an OpenAI-compatible model endpoint, the team's own HTTP API, or its own process.
/// </summary>
public enum TargetType
{
    /// <summary>An OpenAI-compatible endpoint (the default).</summary>
    OpenAI,

    /// <summary>
    /// A process spoken to over stdin/stdout (<c>cigate-exec/1</c>, see docs/targets/exec-protocol.md).
    /// </summary>
    Exec,

    /// <summary>Any JSON API, the request templated and the reply mapped (see docs/targets/http.md).</summary>
    Http,
}
