using System.Text.Json.Nodes;

namespace CiGate.Core.Targets;

/// <summary>
/// A target's own request settings (its <c>request:</c> block): what a model or server needs whatever
/// the suite asks. The default writes exactly the body CiGate always wrote. <see cref="ExtraBody"/>
/// holds the text as written: its <c>${env:NAME}</c> references are resolved by <see cref="TargetSecrets"/>.
/// </summary>
public sealed record TargetRequestOptions
{
    /// <summary>The body CiGate always wrote: max_tokens, temperature, seed.</summary>
    public static TargetRequestOptions Default { get; } = new();

    /// <summary>
    /// Sends the token limit as <c>max_completion_tokens</c> (OpenAI's reasoning models refuse <c>max_tokens</c>).
    /// </summary>
    public bool MaxCompletionTokens { get; init; }

    /// <summary>Leaves <c>temperature</c> out (models that accept only their default).</summary>
    public bool OmitTemperature { get; init; }

    /// <summary>Leaves <c>seed</c> out.</summary>
    public bool OmitSeed { get; init; }

    /// <summary>Nucleus sampling; null sends none.</summary>
    public double? TopP { get; init; }

    /// <summary>OpenAI's <c>reasoning_effort</c> (minimal, low, medium, high); null sends none.</summary>
    public string? ReasoningEffort { get; init; }

    /// <summary>Merged into the body last, key by key (a key here replaces CiGate's own): server options.</summary>
    public JsonObject? ExtraBody { get; init; }

    /// <summary>True when the body is the one CiGate always wrote.</summary>
    public bool IsDefault => this == Default;
}
