namespace CiGate.Core.Targets;

/// <summary>
/// One configured model endpoint. <see cref="BaseUrl"/> includes the API root, e.g.
/// <c>http://127.0.0.1:8000/v1</c>. <see cref="Identity"/> names the endpoint for the response
/// cache when its address is not stable (CiGate's simulator listens on a new port each run).
/// </summary>
public sealed record TargetConfig(
    string Name,
    Uri BaseUrl,
    string Model,
    string? ApiKeyEnv,
    IReadOnlyDictionary<string, string> Headers,
    TargetApi Api,
    int Concurrency,
    TimeSpan Timeout,
    RetryPolicy Retry,
    double Temperature,
    int? Seed,
    string? Identity = null)
{
    public string CacheIdentity => Identity ?? BaseUrl.AbsoluteUri;

    /// <summary>Where <c>api_key_env</c> is written in the config, so an unset variable is reported there.</summary>
    public Diagnostics.SourcePlace? ApiKeyEnvPlace { get; init; }
}
