using CiGate.Core.Targets;

namespace CiGate.Core.Costs;

/// <summary>
/// A client that reports every response's usage to the <see cref="UsageMeter.Current"/> meter;
/// the inner client is disposed by its owner.
/// </summary>
public sealed class MeteredClient(ITargetClient inner) : ITargetClient
{
    public TargetConfig Config => inner.Config;

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken ct)
    {
        var response = await inner.CompleteAsync(request, ct);
        UsageMeter.Current?.Record(inner.Config.Name, response.Usage, response.FromCache);
        return response;
    }

    public async Task<Embeddings> EmbedAsync(
        IReadOnlyList<string> inputs, string? model, string? cacheScope, CancellationToken ct)
    {
        var response = await inner.EmbedAsync(inputs, model, cacheScope, ct);
        UsageMeter.Current?.Record(inner.Config.Name, null, response.FromCache);
        return response;
    }

    public Task<Moderations> ModerateAsync(
        IReadOnlyList<string> inputs, string? model, string? cacheScope, CancellationToken ct)
    {
        // Embeddings and moderations report no tokens here; the call is counted, not priced.
        return MeterAsync(inner.ModerateAsync(inputs, model, cacheScope, ct));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<Moderations> MeterAsync(Task<Moderations> call)
    {
        var response = await call;
        UsageMeter.Current?.Record(inner.Config.Name, null, response.FromCache);
        return response;
    }
}
