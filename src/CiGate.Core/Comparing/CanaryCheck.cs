using CiGate.Core.Comparing.Statistics;
using CiGate.Core.Results;

namespace CiGate.Core.Comparing;

/// <summary>
/// Judges a reused suite's canary: the same items asked again on head's target, paired with the
/// reused run's records on the suite's gated metric. It fails when a value of the served model
/// or fingerprint is one the reused run never saw, or when more items flipped than the allowed
/// A/A flip rate makes likely (<see cref="FlipRateTest"/>, at 0.05).
/// </summary>
public static class CanaryCheck
{
    public const double Alpha = 0.05;

    public static CanaryResult Evaluate(
        SuiteResult stored,
        IReadOnlyList<ItemRecord> storedRecords,
        IReadOnlyList<ItemRecord> canary,
        double allowedFlipRate)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var metric = stored.Gate?.Metric ?? stored.Metrics.Keys.FirstOrDefault() ?? "";
        var before = storedRecords.Where(r => r.Repeat == 0 && r.Error is null)
            .GroupBy(r => r.Item, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        int compared = 0, flips = 0;
        foreach (var record in canary)
        {
            if (!before.TryGetValue(record.Item, out var old) || !old.Scores.TryGetValue(metric, out var was))
            {
                continue;
            }

            compared++;
            // An errored canary answer counts as a flip: the target no longer answers as it did.
            if (record.Error is not null || !record.Scores.TryGetValue(metric, out var now)
                || Math.Abs(now - was) > 1e-9)
            {
                flips++;
            }
        }

        var served = RunningValues(canary.Select(r => r.ServedModel));
        var fingerprints = RunningValues(canary.Select(r => r.SystemFingerprint));
        var knownModels = stored.Identity?.Models ?? stored.ServedModels;
        var knownPrints = stored.Identity?.Fingerprints ?? [];
        var changes = new List<string>();
        var newModels = served.Except(knownModels, StringComparer.Ordinal).ToList();
        if (knownModels.Count > 0 && newModels.Count > 0)
        {
            changes.Add($"served model {string.Join(", ", knownModels)} → {string.Join(", ", newModels)}");
        }

        var newPrints = fingerprints.Except(knownPrints, StringComparer.Ordinal).ToList();
        if (knownPrints.Count > 0 && newPrints.Count > 0)
        {
            changes.Add($"system_fingerprint {string.Join(", ", knownPrints)} → {string.Join(", ", newPrints)}");
        }

        var p = compared == 0 ? 0 : FlipRateTest.PValue(flips, compared, allowedFlipRate);
        var identity = changes.Count > 0 ? string.Join("; ", changes) : null;
        var passed = identity is null && p >= Alpha;
        return new CanaryResult(canary.Count, compared, flips, allowedFlipRate, p, served, identity, passed);
    }

    private static List<string> RunningValues(IEnumerable<string?> values) =>
        [.. values.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
