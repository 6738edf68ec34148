using System.CommandLine;
using CiGate.Core.Config;
using CiGate.Core.Coverage;
using CiGate.Core.Diagnostics;
using CiGate.Core.Targets;

namespace CiGate.Cli.Commands;

/// <summary>
/// `--embedder offline|target:NAME`, shared by `coverage` and `draft-tests` so both number clusters alike:
/// offline (the default) is the hashed TF-IDF embedder, no network; `target:NAME` embeds with that target's
/// `/v1/embeddings` (its `embedding_model`, else its model), cached under the config's cache folder.
/// </summary>
internal static class CoverageEmbedding
{
    public const string Offline = "offline";
    private const string TargetPrefix = "target:";

    public static Option<string> Option() => new("--embedder")
    {
        Description = "offline (hashed TF-IDF, the default) or target:NAME (that target's /v1/embeddings, cached)",
        DefaultValueFactory = _ => Offline,
    };

    /// <summary>Clusters the traffic and places the cases with the chosen embedder.</summary>
    public static async Task<CoverageAnalysis> AnalyzeAsync(CiGateConfig config, string embedder,
        IReadOnlyList<TrafficRecord> records, IReadOnlyList<string> cases, TextWriter log, CancellationToken ct)
    {
        if (embedder == Offline)
        {
            return CoverageAnalyzer.Analyze(records, cases);
        }

        var name = embedder.StartsWith(TargetPrefix, StringComparison.Ordinal) ? embedder[TargetPrefix.Length..] : null;
        var target = config.Targets.FirstOrDefault(t => t.Name == name);
        if (target is null)
        {
            var known = string.Join(", ", config.Targets.Select(t => $"target:{t.Name}"));
            throw new CiGateException(new Diagnostic(DiagnosticCodes.CoverageEmbedderUnknown,
                $"--embedder '{embedder}' is neither 'offline' nor 'target:NAME' naming a target of the config"
                + (known.Length == 0 ? "" : $" ({known})"), config.SourcePath));
        }

        await using var simulators = new SimulatorLauncher();
        var started = await simulators.StartAsync(config, ct);
        target = started.Targets.First(t => t.Name == target.Name);
        await using var client = TargetClientFactory.Create(target.Config);
        var cache = EmbeddingCache.Open(Path.Combine(config.Cache.Directory, "embeddings"));
        var texts = records.Select(r => r.Text).Concat(cases).ToList();
        var embed = new TargetEmbedder(client, target.EmbeddingModel, cache);
        IReadOnlyList<float[]> vectors;
        try
        {
            vectors = await embed.EmbedAsync(texts, ct);
        }
        catch (Exception ex) when (ex is TargetException or InvalidDataException)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.CoverageEmbeddingFailed,
                $"target '{target.Name}' could not embed the traffic: {ex.Message}", config.SourcePath));
        }

        await log.WriteLineAsync(
            $"embedder: target {target.Name}, {texts.Count} texts ({embed.Distinct} distinct), "
            + $"{embed.CacheHits} from the cache, "
            + $"{embed.Requests} request(s), {vectors[0].Length} dimensions");
        return CoverageAnalyzer.Analyze(records, cases, [.. vectors.Take(records.Count)],
            [.. vectors.Skip(records.Count)]);
    }
}
