namespace CiGate.Simulator.Protocol;

/// <summary>The fields every response and chunk of one request share.</summary>
internal readonly record struct ResponseMeta(
    CompletionKind Kind,
    string Id,
    long Created,
    string Model,
    int PromptTokens,
    string Fingerprint = CompletionJson.SystemFingerprint);
