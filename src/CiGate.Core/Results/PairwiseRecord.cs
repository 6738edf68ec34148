using System.Text.Json.Serialization;
using CiGate.Core.Config;

namespace CiGate.Core.Results;

/// <summary>
/// A suite's <c>pairwise:</c> settings as the head run recorded them, for <c>cigate compare</c> to
/// judge with: the judge's identity without any secret (its address, model and the name of the
/// variable holding its key), the bars, the criteria, the custom prompt's text and the human labels.
/// Absent in folders written before pairwise judging or for suites without it.
/// </summary>
public sealed record PairwiseRecord(JudgeInfo Judge, double MinWinRate, string Criteria)
{
    /// <summary>The custom judge prompt's text (a Scriban template), when the suite set `prompt:`.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Prompt { get; init; }

    /// <summary>The custom prompt's file name: its extension says whether it is text or a message list.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PromptFile { get; init; }

    /// <summary>The label file's path as the run read it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LabelsFile { get; init; }

    /// <summary>The human preferences by item id (head, base or tie).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, PairwisePreference>? Labels { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? MinAgreement { get; init; }

    /// <summary>The record of <paramref name="settings"/>, its grader found in <paramref name="targets"/>.</summary>
    public static PairwiseRecord? Of(PairwiseSettings? settings, IEnumerable<TargetDefinition> targets)
    {
        if (settings is null || targets.FirstOrDefault(t => t.Name == settings.Grader) is not { } grader)
        {
            return null;
        }

        var c = grader.Config;
        var judge = new JudgeInfo(
            c.Name,
            c.BaseUrl.ToString(),
            c.Model,
            c.ApiKeyEnv,
            grader.Simulator is not null,
            c.Concurrency,
            c.Timeout.TotalSeconds,
            c.Retry.MaxAttempts,
            c.Seed);
        return new PairwiseRecord(judge, settings.MinWinRate, settings.Criteria)
        {
            Prompt = settings.PromptSource,
            PromptFile = settings.PromptFile,
            LabelsFile = settings.LabelsPath,
            Labels = settings.Labels is { } labels
                ? new SortedDictionary<string, PairwisePreference>(labels.ToDictionary(), StringComparer.Ordinal)
                : null,
            MinAgreement = settings.MinAgreement,
        };
    }
}

/// <summary>
/// The pairwise judge as a run recorded it: where it answers, which model, the name of the
/// environment variable holding its key (never the key), and whether CiGate simulates it (its
/// address is then the run's own simulator, started again by compare from the config).
/// </summary>
public sealed record JudgeInfo(
    string Name,
    string BaseUrl,
    string Model,
    string? ApiKeyEnv,
    bool Simulated,
    int Concurrency,
    double TimeoutSeconds,
    int MaxAttempts,
    int? Seed);
