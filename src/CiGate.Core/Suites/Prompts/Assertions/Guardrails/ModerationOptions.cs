using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Prompts.Assertions.Guardrails;

/// <summary>
/// A `moderation` assertion's settings. `value` is a category list (the judge, as before) or a
/// mapping { provider: judge | endpoint, categories, model }; the endpoint also takes the item's
/// `threshold`. Categories are empty for the endpoint when none are given (then its `flagged`
/// decides, or every score against the threshold when one is given).
/// </summary>
internal sealed record ModerationOptions(ModerationProvider Provider, IReadOnlyList<string> Categories, double? Threshold, string? Model)
{
    public const double DefaultThreshold = 0.5;

    private static readonly Dictionary<string, ModerationProvider> Providers = new(StringComparer.Ordinal)
    {
        ["judge"] = ModerationProvider.Judge,
        ["endpoint"] = ModerationProvider.Endpoint,
    };

    public static ModerationOptions? Read(AssertionSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var before = spec.Context.Diagnostics.Items.Count;
        var provider = ModerationProvider.Judge;
        IReadOnlyList<string>? categories = null;
        YamlNode? categoriesNode = null;
        string? model = null;
        switch (spec.Value)
        {
            case null:
                break;
            case YamlMappingNode mapping:
                var map = MapReader.From(mapping, spec.Context, $"{spec.Section}.value")!;
                provider = map.Choice("provider", Providers) ?? ModerationProvider.Judge;
                categoriesNode = map.Get("categories");
                model = map.String("model");
                map.Finish();
                if (model is not null && provider == ModerationProvider.Judge)
                {
                    spec.Report(DiagnosticCodes.InvalidValue, map.Get("model")!, $"'{spec.Section}.value.model' names a moderations model: it needs provider: endpoint (the judge is the grader's own chat model)");
                }

                break;
            default:
                categoriesNode = spec.Value;
                break;
        }

        if (categoriesNode is not null)
        {
            categories = Names(spec, categoriesNode);
        }

        if (provider == ModerationProvider.Judge)
        {
            var unknown = categories?.FirstOrDefault(c => !ModerationAssertion.Categories.Contains(c));
            if (categoriesNode is not null && (categories is not { Count: > 0 } || unknown is not null))
            {
                spec.Report(DiagnosticCodes.InvalidValue, categoriesNode, $"'{spec.Section}.value' must list moderation categories ({string.Join(", ", ModerationAssertion.Categories)}){(unknown is null ? "" : $"; unknown: '{unknown}'")}");
            }

            if (spec.HasThreshold)
            {
                // The judge names categories and gives no scores: a threshold would be silently ignored.
                spec.Report(DiagnosticCodes.InvalidValue, spec.Node, $"'{spec.Section}.threshold' applies to provider: endpoint (category scores); the judge only flags categories");
            }
        }
        else
        {
            if (categoriesNode is not null && categories is not { Count: > 0 })
            {
                spec.Report(DiagnosticCodes.InvalidValue, categoriesNode, $"'{spec.Section}.value.categories' must list at least one category, such as harassment or violence");
            }

            if (spec.Threshold is { } t && t is < 0 or > 1)
            {
                spec.Report(DiagnosticCodes.InvalidValue, spec.Node, $"'{spec.Section}.threshold' must be a score from 0 to 1, not {t}");
            }
        }

        if (spec.Context.Diagnostics.Items.Count > before)
        {
            return null;
        }

        var chosen = categories ?? (provider == ModerationProvider.Judge ? ModerationAssertion.Categories : []);
        return new ModerationOptions(provider, chosen, provider == ModerationProvider.Endpoint ? spec.Threshold : null, model);
    }

    private static List<string>? Names(AssertionSpec spec, YamlNode node)
    {
        List<string>? names = node switch
        {
            YamlScalarNode { Value: { } one } => [.. one.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
            YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode) => [.. list.Children.Cast<YamlScalarNode>().Select(c => (c.Value ?? "").Trim())],
            _ => null,
        };
        return names?.Select(n => n.ToLowerInvariant()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }
}
