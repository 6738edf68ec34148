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
    public static IReadOnlyList<string> From(CiGateConfig config, IReadOnlyCollection<string>? onlySuites = null)
    {
        var texts = new List<string>();
        foreach (var plan in PlanBuilder.Build(config, onlySuites).DistinctBy(p => p.Suite.Name))
        {
            texts.AddRange(plan.CaseRequests().Select(Text));
        }

        texts.RemoveAll(string.IsNullOrWhiteSpace);
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
