using CiGate.Core.Datasets;
using CiGate.Core.Targets;

namespace CiGate.Core.Tests.Sharding;

/// <summary>
/// A target that answers from a hash of the request (prompt and seed), so any two runs, sharded
/// or not, get the same answer for the same sample; a tenth of the answers extract nothing.
/// </summary>
internal sealed class FakeModel(TargetConfig config) : ITargetClient
{
    public TargetConfig Config { get; } = config;

    public Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken ct)
    {
        var prompt = request.Prompt ?? string.Join("\n", request.Messages!.Select(m => m.Content));
        var hash = StableHash.Of(request.Seed ?? 0, prompt);
        var text = (hash % 10) switch
        {
            0 => "I am not sure.",
            1 or 2 => "yes, because it is so.",
            _ => $"Let me think. the answer is ({"ABCD"[(int)(hash / 10 % 4)]})",
        };
        return Task.FromResult(new ModelResponse(text, "stop", new TokenUsage(prompt.Length, text.Length), Config.Model, null, false, 1, 1.5));
    }

    public Task<Embeddings> EmbedAsync(IReadOnlyList<string> inputs, string? model, string? cacheScope, CancellationToken ct) =>
        throw new NotSupportedException("the fake model does not embed");

    public Task<Moderations> ModerateAsync(IReadOnlyList<string> inputs, string? model, string? cacheScope, CancellationToken ct) =>
        throw new NotSupportedException("the fake model does not moderate");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
