namespace CiGate.Core.Targets;

/// <summary>
/// One generation request. <see cref="Messages"/> is required for <see cref="TargetApi.Chat"/>,
/// <see cref="Prompt"/> for <see cref="TargetApi.Completions"/>. An empty <see cref="Stop"/> sends no stop field.
/// </summary>
public sealed record ModelRequest(
    TargetApi Api,
    IReadOnlyList<ChatMessage>? Messages,
    string? Prompt,
    int MaxTokens,
    IReadOnlyList<string> Stop,
    double Temperature,
    int? Seed)
{
    /// <summary>Mixed into the cache key: graders put the model version the server reported serving here, so a new version misses the cache.</summary>
    public string? CacheScope { get; init; }

    /// <summary>Never answered from the cache nor stored in it (the probe that asks which version is served).</summary>
    public bool NoCache { get; init; }

    /// <summary>The case's variables (prompts suites), for targets that template their own request (http, exec); null elsewhere.</summary>
    public IReadOnlyDictionary<string, object?>? Vars { get; init; }

    /// <summary>The suite's or case's tools, tool_choice and response_format; null (or empty) sends none.</summary>
    public RequestSurface? Surface { get; init; }

    /// <summary>The item or case id the request is for, for targets that pass it on (exec); never part of the cache key.</summary>
    public string? ItemId { get; init; }
}
