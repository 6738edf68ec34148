using CiGate.Core.Results;

namespace CiGate.Core.Comparing;

/// <summary>
/// What answered base and what answered head differ: the served model, the system fingerprint, the
/// server's version or a grader. Undeclared (<see cref="Declared"/> false), the two runs measured
/// different things behind the same name and the comparison is invalid: the gate makes the suite
/// inconclusive. Declared by the suite's <c>gate: model_change: expected</c> or by a change of the
/// configured model itself (the PR changes the model on purpose): then it is listed, not held against.
/// </summary>
public sealed record IdentityChange(IReadOnlyList<string> Differences, bool Declared, string? DeclaredBy)
{
    public string Summary => string.Join("; ", Differences);

    /// <summary>The line every output names: console, comment and gate.json reasons.</summary>
    public string Reason => Declared
        ? $"served identity changed ({DeclaredBy}): {Summary}"
        : $"served identity changed without a declared model change: {Summary}; "
          + "base and head were answered by different models, so they are not compared "
          + "(declare it with gate: model_change: expected)";

    /// <summary>
    /// Null when nothing differs. Folders written before identities were recorded compare their
    /// served models only; each other fact is compared only where both sides recorded it.
    /// </summary>
    public static IdentityChange? Between(SuiteResult @base, SuiteResult head, bool expected)
    {
        var differences = new List<string>();
        if (@base.ServedModels.Count > 0 && head.ServedModels.Count > 0
            && !@base.ServedModels.SequenceEqual(head.ServedModels, StringComparer.Ordinal))
        {
            differences.Add($"served model {List(@base.ServedModels)} → {List(head.ServedModels)}");
        }

        if (@base.Identity is { } b && head.Identity is { } h)
        {
            if (b.Fingerprints.Count > 0 && h.Fingerprints.Count > 0
                && !b.Fingerprints.SequenceEqual(h.Fingerprints, StringComparer.Ordinal))
            {
                differences.Add($"system_fingerprint {List(b.Fingerprints)} → {List(h.Fingerprints)}");
            }

            if (b.Server.Version is { } bv && h.Server.Version is { } hv && bv != hv)
            {
                differences.Add($"server version {bv} → {hv}");
            }

            var baseJudges = (b.Judges ?? []).ToDictionary(j => j.Target, StringComparer.Ordinal);
            foreach (var judge in h.Judges ?? [])
            {
                if (baseJudges.GetValueOrDefault(judge.Target) is { } before && Judge(before) != Judge(judge))
                {
                    differences.Add($"grader {judge.Target}: {Judge(before)} → {Judge(judge)}");
                }
            }
        }

        if (differences.Count == 0)
        {
            return null;
        }

        var byConfig = @base.Model != head.Model;
        var declaredBy = byConfig ? $"the configured model changed: {@base.Model} → {head.Model}"
            : expected ? "declared: model_change: expected" : null;
        return new IdentityChange(differences, declaredBy is not null, declaredBy);
    }

    private static string Judge(JudgeIdentity judge) =>
        judge.Server.Version is { } version ? $"{judge.Model} ({version})" : judge.Model;

    private static string List(IReadOnlyList<string> values) => string.Join(", ", values);
}
