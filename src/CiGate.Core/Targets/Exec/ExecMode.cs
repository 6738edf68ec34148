namespace CiGate.Core.Targets.Exec;

/// <summary>How an exec target's command is run.</summary>
public enum ExecMode
{
    /// <summary>One long-lived process per run, many requests in flight over stdin/stdout.</summary>
    Server,

    /// <summary>A process per request: the request on stdin, the reply on stdout (scripts).</summary>
    Once,
}
