namespace CiGate.Target;

/// <summary>How <see cref="CiGateTarget"/> serves: the names in its hello, its concurrency and its log.</summary>
public sealed class CiGateTargetOptions
{
    /// <summary>The app's name in the hello reply (recorded by cigate); default: the entry assembly's name.</summary>
    public string? AppName { get; set; }

    /// <summary>The app's version in the hello reply; default: the entry assembly's informational version.</summary>
    public string? AppVersion { get; set; }

    /// <summary>
    /// How many requests the handler runs at once (default 64). Requests past it wait, in the order
    /// they came, before the next line is read; cigate sets its own concurrency on the target too.
    /// </summary>
    public int MaxConcurrency { get; set; } = 64;

    /// <summary>
    /// Where the library's own diagnostics go (malformed lines, handler failures); default: the
    /// process's standard error. Never standard output: that carries the protocol only.
    /// </summary>
    public TextWriter? Log { get; set; }

    /// <summary>
    /// When serving over the process's standard input and output, point <see cref="Console.Out"/> at
    /// standard error (and <see cref="Console.In"/> at an empty reader) until serving ends, so the
    /// app's own <c>Console.WriteLine</c> cannot corrupt the protocol stream. Default true.
    /// </summary>
    public bool RedirectConsole { get; set; } = true;

    internal void Validate()
    {
        if (MaxConcurrency < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxConcurrency), MaxConcurrency, "MaxConcurrency must be at least 1.");
        }
    }
}
