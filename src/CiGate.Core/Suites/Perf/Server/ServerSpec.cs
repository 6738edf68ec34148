namespace CiGate.Core.Suites.Perf.Server;

/// <summary>
/// A model server that cigate starts before a perf suite and stops after it (`server:`). The
/// command runs through the shell in its own process group; <see cref="ReadyUrl"/> (default: the
/// target's <c>/health</c>) must answer 200 before any load is sent. Environment values may hold
/// <c>${VAR}</c> references, expanded from cigate's own environment at start and never logged.
/// </summary>
public sealed record ServerSpec(
    string Command,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory,
    Uri? ReadyUrl,
    TimeSpan ReadyTimeout,
    TimeSpan ReadyInterval,
    string LogFile,
    TimeSpan StopTimeout)
{
    public const string DefaultLogFile = "server.log";

    public static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan DefaultReadyInterval = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan DefaultStopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Where each <see cref="Environment"/> value was written, so an unset <c>${VAR}</c> is reported there.</summary>
    public IReadOnlyDictionary<string, Diagnostics.SourcePlace> EnvironmentPlaces { get; init; } = new Dictionary<string, Diagnostics.SourcePlace>();

    /// <summary>The readiness URL, or the target's server root + <c>/health</c> (vLLM, SGLang, TGI and llama.cpp all serve it).</summary>
    public Uri ReadyUrlFor(Uri targetBaseUrl) => ReadyUrl ?? new Uri(ServerRoot.Of(targetBaseUrl), "health");
}
