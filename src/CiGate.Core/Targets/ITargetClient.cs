namespace CiGate.Core.Targets;

/// <summary>
/// Sends requests to one target. Thread-safe: the runner calls it concurrently, and the client
/// enforces <see cref="TargetConfig.Concurrency"/> itself.
/// </summary>
public interface ITargetClient : IAsyncDisposable
{
    TargetConfig Config { get; }

    /// <exception cref="TargetException">The endpoint failed for good (rejected, unreachable, retries exhausted).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken ct);

    /// <summary>Embeds <paramref name="inputs"/> with <paramref name="model"/> (null: the target's model), with the same retries and cache as completions.</summary>
    /// <exception cref="TargetException">The endpoint failed for good.</exception>
    Task<Embeddings> EmbedAsync(IReadOnlyList<string> inputs, string? model, string? cacheScope, CancellationToken ct);

    /// <summary>Classifies <paramref name="inputs"/> on the moderations endpoint with <paramref name="model"/> (null: the target's model), with the same retries and cache as completions.</summary>
    /// <exception cref="TargetException">The endpoint failed for good.</exception>
    Task<Moderations> ModerateAsync(IReadOnlyList<string> inputs, string? model, string? cacheScope, CancellationToken ct);
}
