using System.Text.Json.Serialization;

namespace CiGate.Core.Results;

/// <summary>
/// A suite this run did not run but copied, items and all, from an earlier run of the same suite
/// (<c>cigate run --changed-since REF --reuse-from DIR</c>): <see cref="From"/> is what every output
/// names (<c>main@1a2b3c4</c>, or the run id), <see cref="Reason"/> why it was unchanged.
/// </summary>
public sealed record ReusedRun(string From, string RunId, string? Commit, DateTimeOffset StartedAt, string Reason)
{
    /// <summary>What the canary showed; null when the suite asks for none (<c>reuse: { canary: 0 }</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CanaryResult? Canary { get; init; }

    /// <summary>
    /// Set when only some cases were reused: the suite ran <see cref="ReusedCases.Run"/> of its
    /// cases (their inputs or definition changed) and copied the rest. Null when the whole suite was copied.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ReusedCases? Cases { get; init; }

    /// <summary>"3 of 40 cases run; 37 reused from main@1a2b3c4", or "reused from main@1a2b3c4".</summary>
    public string Summary() =>
        Cases is { } cases
            ? string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"{cases.Run} of {cases.Total} cases run; {cases.Total - cases.Run} reused from {From}")
            : $"unchanged: reused from {From}";
}

/// <summary>A suite run case by case: how many of its cases ran, of how many, and which ran and why.</summary>
public sealed record ReusedCases(int Run, int Total, IReadOnlyList<string> Ran);
