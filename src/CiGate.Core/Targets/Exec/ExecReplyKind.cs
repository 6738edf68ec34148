namespace CiGate.Core.Targets.Exec;

/// <summary>What one stdout line of an exec app is.</summary>
internal enum ExecReplyKind
{
    /// <summary>Not a protocol object: logged and ignored.</summary>
    Other,

    Hello,

    Response,

    Error,
}
