namespace CiGate.Core.Targets.Exec;

/// <summary>
/// An exec app exited (or its stdin broke) while a request was in flight: a transport error, retried.
/// </summary>
internal sealed class ExecCrashException : Exception
{
    public ExecCrashException()
    {
    }

    public ExecCrashException(string message)
        : base(message)
    {
    }

    public ExecCrashException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
