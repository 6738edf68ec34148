using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Running;
using CiGate.Core.Targets;

namespace CiGate.Core.Coverage;

/// <summary>
/// The test cases coverage compares traffic with: the rendered prompt text (the user messages, or the
/// completions prompt) of every case a suite's plan names (<see cref="ISuitePlan.CaseRequests"/>: a prompts
/// suite's case × prompt, an accuracy suite's dataset item), once per suite whatever its targets.
/// </summary>
public static class SuiteCases
{
    public static IReadOnlyList<string> From(CiGateConfig config, IReadOnlyCollection<string>? onlySuites = null) =>
        [.. Named(config, onlySuites).Select(c => c.Text)];

    /// <summary>The same cases with their suite and item id (as results name them), for per-cluster pass
    /// rates.</summary>
    public static IReadOnlyList<SuiteCase> Named(CiGateConfig config, IReadOnlyCollection<string>? onlySuites = null)
    {
        var texts = new List<SuiteCase>();
        foreach (var plan in PlanBuilder.Build(config, onlySuites).DistinctBy(p => p.Suite.Name))
        {
            texts.AddRange(plan.CaseRequests()
                .Select((request, i) => new SuiteCase(plan.Suite.Name, plan.ItemId(i), Text(request))));
        }

        texts.RemoveAll(c => string.IsNullOrWhiteSpace(c.Text));
        if (texts.Count == 0)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.CoverageNoCases,
                onlySuites is { Count: > 0 }
                    ? $"suite(s) {string.Join(", ", onlySuites)} hold no prompts cases nor accuracy items "
                        + "to measure coverage with"
                    : "the config holds no prompts cases nor accuracy items to measure coverage with",
                config.SourcePath));
        }

        return texts;
    }

    private static string Text(ModelRequest request)
    {
        if (request.Messages is { Count: > 0 } messages)
        {
            var user = messages.Where(m => m.Role == "user").Select(m => m.Content).ToList();
            return string.Join('\n', user.Count > 0 ? user : messages.Select(m => m.Content));
        }

        return request.Prompt ?? "";
    }
}

/// <summary>One test case: its suite, its item id in results (a prompts case × prompt, an accuracy item) and the
/// text it sends.</summary>
public sealed record SuiteCase(string Suite, string Item, string Text);
