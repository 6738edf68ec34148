namespace CiGate.Target;

/// <summary>
/// Thrown by a handler to answer a request with an error reply whose <see cref="Retryable"/> flag it
/// chooses (cigate retries a retryable error like a transport error, and fails the item otherwise).
/// Any other exception becomes an error reply too; see <see cref="CiGateTarget"/> for its flag.
/// </summary>
public sealed class CiGateTargetException : Exception
{
    /// <summary>Creates a non-retryable error.</summary>
    public CiGateTargetException()
    {
    }

    /// <summary>Creates a non-retryable error with a message.</summary>
    public CiGateTargetException(string message)
        : base(message)
    {
    }

    /// <summary>Creates a non-retryable error with a message and its cause.</summary>
    public CiGateTargetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an error with a message and whether cigate should retry the request.</summary>
    public CiGateTargetException(string message, bool retryable, Exception? innerException = null)
        : base(message, innerException)
    {
        Retryable = retryable;
    }

    /// <summary>Whether cigate should send the request again.</summary>
    public bool Retryable { get; }
}
