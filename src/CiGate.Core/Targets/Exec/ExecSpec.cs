using CiGate.Core.Diagnostics;

namespace CiGate.Core.Targets.Exec;

/// <summary>
/// An exec target's process (<c>type: exec</c>): the argv to start (no shell), where, with which
/// environment, and how long to wait for it. <see cref="Environment"/> values are as written:
/// <c>${env:NAME}</c> (a secret) and <c>${target:NAME.base_url}</c> are resolved when the process starts.
/// </summary>
public sealed record ExecSpec(
    IReadOnlyList<string> Command,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    ExecMode Mode,
    TimeSpan StartupTimeout,
    TimeSpan StopTimeout,
    int MaxRestarts)
{
    public static readonly TimeSpan DefaultStartupTimeout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DefaultStopTimeout = TimeSpan.FromSeconds(5);

    public const int DefaultMaxRestarts = 5;

    /// <summary>
    /// The working directory as written (relative to the config), for the cache identity: checkouts differ in their
    /// absolute paths.
    /// </summary>
    public string WorkingDirectoryAsWritten { get; init; } = ".";

    /// <summary>Where <c>command</c> and each <c>env</c> value were written, for errors found at run time.</summary>
    public IReadOnlyDictionary<string, SourcePlace> Places { get; init; } = new Dictionary<string, SourcePlace>();

    /// <summary>
    /// The base URL of every target of the config, filled in by <c>ExecTargets.Bind</c> (Config) once simulators listen.
    /// </summary>
    public IReadOnlyDictionary<string, Uri> TargetUrls { get; init; } = new Dictionary<string, Uri>();

    /// <summary>
    /// The results folder, where <c>exec-&lt;target&gt;.log</c> is written; null: the system's temp folder.
    /// </summary>
    public string? LogDirectory { get; init; }

    /// <summary>
    /// Variables other targets read secrets from; never inherited by the process unless its own env names them.
    /// </summary>
    public IReadOnlyList<string> WithheldVariables { get; init; } = [];
}
