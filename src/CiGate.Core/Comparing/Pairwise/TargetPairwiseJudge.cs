using CiGate.Core.Suites.Prompts;
using CiGate.Core.Targets;

namespace CiGate.Core.Comparing.Pairwise;

/// <summary>
/// The pairwise judge as a grader target: the default prompt (<see cref="PairwisePrompt"/>) at
/// temperature 0, cached (when the client has a cache) under the model version the server reports
/// serving, asked once with an uncached probe as model-graded assertions do, so a provider moving
/// an alias to a new version misses the cache. The cache key is thus judge identity (endpoint,
/// model, served version) plus the whole rendered prompt, order included. <paramref name="prompt"/>,
/// when given, replaces the default prompt (<see cref="PairwisePrompt"/>).
/// </summary>
public sealed class TargetPairwiseJudge(
    ITargetClient client, TargetConfig config, string criteria, SuitePrompt? prompt = null) : IPairwiseJudge
{
    public const int MaxTokens = 512;

    private readonly SemaphoreSlim probeGate = new(1, 1);
    private string? servedVersion;

    /// <exception cref="TargetException">The judge target failed for good.</exception>
    /// <exception cref="PairwiseJudgeException">The judge replied without a winner.</exception>
    public async ValueTask<PairwiseWinner> JudgeAsync(PairwiseQuestion question, CancellationToken cancellationToken)
    {
        var version = await VersionAsync(cancellationToken).ConfigureAwait(false);
        var request = new ModelRequest(
            TargetApi.Chat, PairwisePrompt.Messages(question, criteria, prompt), null, MaxTokens, [], 0, config.Seed)
        {
            CacheScope = version,
        };
        var response = await client.CompleteAsync(request, cancellationToken).ConfigureAwait(false);
        return PairwisePrompt.TryParse(response.Text, out var winner, out var problem)
            ? winner
            : throw new PairwiseJudgeException($"{problem} (judge {config.Name})");
    }

    private async Task<string> VersionAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref servedVersion) is { } known)
        {
            return known;
        }

        await probeGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (servedVersion is null)
            {
                var probe = new ModelRequest(
                    TargetApi.Chat, [new ChatMessage("user", "Reply with the word OK.")], null, 1, [], 0, config.Seed)
                {
                    NoCache = true,
                };
                var response = await client.CompleteAsync(probe, ct).ConfigureAwait(false);
                Volatile.Write(ref servedVersion, response.ServedModel ?? config.Model);
            }

            return servedVersion!;
        }
        finally
        {
            probeGate.Release();
        }
    }
}
