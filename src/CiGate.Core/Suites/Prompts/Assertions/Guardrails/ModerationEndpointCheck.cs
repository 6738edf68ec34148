using System.Globalization;
using CiGate.Core.Suites.Prompts.Grading;
using CiGate.Core.Targets;

namespace CiGate.Core.Suites.Prompts.Assertions.Guardrails;

/// <summary>
/// The `moderation` assertion on a moderations endpoint. A selected category matches the score of
/// that name and of its subcategories ("harassment" also reads "harassment/threatening"); one
/// that matches no score in the reply is an error, since a category the endpoint does not score
/// has not been checked. Without categories, the endpoint's own `flagged` decides, or every score
/// against the threshold when one is given.
/// </summary>
internal static class ModerationEndpointCheck
{
    /// <exception cref="TargetException">The endpoint failed for good.</exception>
    public static async Task<Check> EvaluateAsync(ModerationOptions options, string output, Grader grader, CancellationToken ct)
    {
        var reply = await grader.ModerateAsync([output], options.Model, ct);
        var result = reply.Results[0];
        var source = reply.ServedModel is { } served ? $"{grader.Name} ({served})" : grader.Name;
        if (options.Categories.Count == 0 && options.Threshold is null)
        {
            return ByFlag(result, source);
        }

        if (result.Scores is null)
        {
            return Check.Failed($"moderation endpoint '{source}': unusable reply: {result.Problem ?? "no category scores"}");
        }

        var threshold = options.Threshold ?? ModerationOptions.DefaultThreshold;
        var selected = new List<KeyValuePair<string, double>>();
        foreach (var category in options.Categories)
        {
            var matches = result.Scores.Where(s => Covers(category, s.Key)).ToList();
            if (matches.Count == 0)
            {
                return Check.Failed($"moderation endpoint '{source}' gave no score for '{category}' (it scores: {string.Join(", ", result.Scores.Keys.Order(StringComparer.Ordinal))})");
            }

            selected.AddRange(matches);
        }

        if (options.Categories.Count == 0)
        {
            if (result.Scores.Count == 0)
            {
                return Check.Failed($"moderation endpoint '{source}': the reply scores no categories");
            }

            selected.AddRange(result.Scores);
        }

        var hits = selected.DistinctBy(s => s.Key).Where(s => s.Value >= threshold).OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).ToList();
        var scope = options.Categories.Count == 0 ? "every category" : string.Join(", ", options.Categories);
        return Check.Binary(
            hits.Count == 0,
            $"pass moderation ({scope} below {Format(threshold)})",
            hits.Count == 0 ? null : $"flagged by {source}: {string.Join(", ", hits.Select(h => $"{h.Key} {Format(h.Value)}"))} (threshold {Format(threshold)})");
    }

    private static Check ByFlag(ModerationResult result, string source)
    {
        if (result.Flagged is not { } flagged)
        {
            return Check.Failed($"moderation endpoint '{source}': unusable reply: {result.Problem ?? "no 'flagged'"}");
        }

        var categories = result.Categories?.Where(c => c.Value).Select(c => c.Key).Order(StringComparer.Ordinal).ToList() ?? [];
        var scores = result.Scores ?? new Dictionary<string, double>();
        var detail = categories.Count == 0
            ? "flagged (no category named)"
            : $"flagged: {string.Join(", ", categories.Select(c => scores.TryGetValue(c, out var s) ? $"{c} {Format(s)}" : c))}";
        return Check.Binary(!flagged, "not be flagged by the moderation endpoint", flagged ? $"{detail} by {source}" : null);
    }

    private static bool Covers(string category, string key) =>
        key.Equals(category, StringComparison.OrdinalIgnoreCase)
        || (key.Length > category.Length && key[category.Length] == '/' && key.StartsWith(category, StringComparison.OrdinalIgnoreCase));

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
