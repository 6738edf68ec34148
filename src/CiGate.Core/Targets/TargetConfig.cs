namespace CiGate.Core.Targets;

/// <summary>
/// One configured model endpoint. <see cref="BaseUrl"/> includes the API root, e.g.
/// <c>http://127.0.0.1:8000/v1</c>. <see cref="Identity"/> names the endpoint for the response
/// cache when its address is not stable (CiGate's simulator listens on a new port each run).
/// <see cref="Headers"/> values are as written: <c>${env:NAME}</c> is resolved by <see cref="TargetSecrets"/>.
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

    /// <summary>The target's <c>request:</c> block; the default writes the body CiGate always wrote.</summary>
    public TargetRequestOptions Request { get; init; } = TargetRequestOptions.Default;

    /// <summary>Where keys were written (<c>base_url</c>, <c>api_key_env</c>, <c>headers.NAME</c>), for errors found at run time.</summary>
    public IReadOnlyDictionary<string, Diagnostics.SourcePlace> Places { get; init; } = new Dictionary<string, Diagnostics.SourcePlace>();

    /// <summary>Set for <c>type: exec</c>: the process that speaks <c>cigate-exec/1</c>.</summary>
    public Exec.ExecSpec? Exec { get; init; }
    /// <summary>Set for a <c>type: http</c> target (any JSON API; <see cref="BaseUrl"/> is then its URL's literal part); null for model targets.</summary>
    public Http.HttpTargetSettings? Http { get; init; }
}
