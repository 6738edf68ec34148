namespace CiGate.Core.Targets.Exec;

/// <summary>The app cannot serve any more requests (it would not start, or crashed too often); not retried.</summary>
internal sealed class ExecUnavailableException : Exception
{
    public ExecUnavailableException()
    {
    }

    public ExecUnavailableException(string message)
        : base(message)
    {
    }

    public ExecUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
