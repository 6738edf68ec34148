namespace CiGate.Core.Targets.Exec;

/// <summary>An exec app could not be started or did not answer the hello; the message is one line.</summary>
internal sealed class ExecStartException : Exception
{
    public ExecStartException()
    {
    }

    public ExecStartException(string message)
        : base(message)
    {
    }

    public ExecStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
