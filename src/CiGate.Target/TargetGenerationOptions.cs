namespace CiGate.Target;

/// <summary>A request's decoding settings (<c>options</c>): null where the suite left them to the app.</summary>
public sealed class TargetGenerationOptions
{
    /// <summary>The most tokens to generate (<c>max_tokens</c>).</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Sampling temperature; null leaves it to the app or model.</summary>
    public double? Temperature { get; init; }

    /// <summary>Sampling seed; null when none was set.</summary>
    public long? Seed { get; init; }

    /// <summary>Stop sequences; empty when none.</summary>
    public IReadOnlyList<string> Stop { get; init; } = [];
}
