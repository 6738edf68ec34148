using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Results;
using CiGate.Core.Running;
using CiGate.Core.Targets;

namespace CiGate.Core.Sharding;

/// <summary>
/// Rebuilds, from a stored suite result, a plan that can do one thing: summarise records with
/// the suite kind's own Summarize, exactly as the run did. Only what a kind's metrics read is
/// taken from the stored definition (filters, repeats, grouping...); identity fields (definition,
/// hashes, dataset, gate) are copied from the shards, never recomputed. <see cref="ShardMerger"/>
/// proves each rebuild by re-summarising every shard's own records and requiring the shard's
/// stored summary back, so a kind whose metrics read something not rebuilt here is refused,
/// never merged into wrong numbers.
/// </summary>
internal static class SummaryPlans
{
    public static ISuitePlan Rebuild(SuiteResult stored, TargetInfo target, int totalItems, string folder)
    {
        var definition = Target(target);
        try
        {
            return Suites.SuiteKinds.Find(stored.Kind)?.RebuildForMerge(stored, definition, totalItems)
                ?? throw Refuse(stored, $"'{stored.Kind}' suites cannot be merged (the kind does not rebuild its summary for merge)", folder);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException or NullReferenceException or KeyNotFoundException)
        {
            throw Refuse(stored, $"its stored definition cannot be read back ({ex.Message})", folder);
        }
    }

    /// <summary>The same result with what the shards recorded about the suite's identity (not its metrics).</summary>
    public static SuiteResult WithIdentity(SuiteResult computed, SuiteResult stored) =>
        computed with
        {
            Kind = stored.Kind,
            Model = stored.Model,
            DefinitionHash = stored.DefinitionHash,
            PromptTemplateHash = stored.PromptTemplateHash,
            Dataset = stored.Dataset,
            Definition = stored.Definition,
            Gate = stored.Gate,
            Pairwise = stored.Pairwise,
        };

    public static CiGateException Refuse(SuiteResult stored, string why, string folder) =>
        new(new Diagnostic(DiagnosticCodes.ShardNotMergeable, $"cannot merge suite '{stored.Suite}' on '{stored.Target}': {why}", folder));

    private static TargetDefinition Target(TargetInfo info) =>
        new(
            new TargetConfig(
                info.Name,
                Uri.TryCreate(info.BaseUrl, UriKind.Absolute, out var url) ? url : new Uri("http://127.0.0.1/"),
                info.Model,
                info.ApiKeyEnv,
                new Dictionary<string, string>(),
                Enum.TryParse<TargetApi>(info.Api, ignoreCase: true, out var api) ? api : TargetApi.Chat,
                Math.Max(1, info.Concurrency),
                TimeSpan.FromSeconds(info.TimeoutSeconds),
                RetryPolicy.Default with { MaxAttempts = Math.Max(1, info.MaxAttempts) },
                info.Temperature,
                info.Seed),
            null);
}
