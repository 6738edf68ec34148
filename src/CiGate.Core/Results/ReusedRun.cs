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
}
