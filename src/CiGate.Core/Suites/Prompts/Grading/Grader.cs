using CiGate.Core.Config;
using CiGate.Core.Targets;

namespace CiGate.Core.Suites.Prompts.Grading;

/// <summary>
/// One grader target as model-graded assertions use it: judge calls at temperature 0 and
/// embeddings, both cached under the model version the server reports serving (asked once per
/// run with an uncached probe), so a provider silently moving an alias to a new version misses the
/// cache instead of replaying the old model's verdicts.
/// </summary>
internal sealed class Grader(TargetDefinition target, ITargetClient client)
{
    public const int JudgeMaxTokens = 512;

    private readonly Once chatVersion = new(async ct =>
    {
        var probe = new ModelRequest(TargetApi.Chat, [new ChatMessage("user", "Reply with the word OK.")], null, 1, [], 0, target.Config.Seed) { NoCache = true };
        var response = await client.CompleteAsync(probe, ct);
        return response.ServedModel ?? target.Config.Model;
    });

    private readonly Once embeddingVersion = new(async ct =>
    {
        var response = await client.EmbedAsync(["ping"], target.EmbeddingModel, cacheScope: null, ct);
        return response.ServedModel ?? target.EmbeddingModel ?? target.Config.Model;
    });

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Once> moderationVersions = new(StringComparer.Ordinal);

    public string Name => target.Name;

    /// <summary>The judge's reply and the version that produced it.</summary>
    /// <exception cref="TargetException">The grader failed for good.</exception>
    public async Task<ModelResponse> JudgeAsync(IReadOnlyList<ChatMessage> messages, CancellationToken ct)
    {
        var version = await chatVersion.GetAsync(ct);
        var request = new ModelRequest(TargetApi.Chat, messages, null, JudgeMaxTokens, [], 0, target.Config.Seed) { CacheScope = version };
        return await client.CompleteAsync(request, ct);
    }

    /// <exception cref="TargetException">The grader failed for good.</exception>
    public async Task<Embeddings> EmbedAsync(IReadOnlyList<string> texts, CancellationToken ct)
    {
        var version = await embeddingVersion.GetAsync(ct);
        return await client.EmbedAsync(texts, target.EmbeddingModel, version, ct);
    }

    /// <summary>Verdicts of the moderations endpoint, cached under the version it reports serving for <paramref name="model"/> (null: the target's model).</summary>
    /// <exception cref="TargetException">The endpoint failed for good.</exception>
    public async Task<Moderations> ModerateAsync(IReadOnlyList<string> texts, string? model, CancellationToken ct)
    {
        var name = model ?? target.Config.Model;
        var version = await moderationVersions.GetOrAdd(name, m => new Once(async probeCt =>
        {
            var response = await client.ModerateAsync(["ping"], m, cacheScope: null, probeCt);
            return response.ServedModel ?? m;
        })).GetAsync(ct);
        return await client.ModerateAsync(texts, name, version, ct);
    }

    /// <summary>An async value computed once; a failed or cancelled attempt is retried by the next caller.</summary>
    private sealed class Once(Func<CancellationToken, Task<string>> compute)
    {
        private readonly SemaphoreSlim gate = new(1, 1);
        private string? value;

        public async Task<string> GetAsync(CancellationToken ct)
        {
            if (Volatile.Read(ref value) is { } known)
            {
                return known;
            }

            await gate.WaitAsync(ct);
            try
            {
                return value ??= await compute(ct);
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
