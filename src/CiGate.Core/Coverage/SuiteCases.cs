using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Running;
using CiGate.Core.Suites.Accuracy;
using CiGate.Core.Suites.Prompts;
using CiGate.Core.Targets;

namespace CiGate.Core.Coverage;

/// <summary>
/// The test cases coverage compares traffic with: the rendered prompt text (the user messages, or the
/// completions prompt) of every prompts suite's case × prompt and every accuracy suite's dataset item, once
/// per suite whatever its targets. Perf and safety suites hold no cases of their own here.
/// </summary>
public static class SuiteCases
{
    public static IReadOnlyList<string> From(CiGateConfig config, IReadOnlyCollection<string>? onlySuites = null)
    {
        var texts = new List<string>();
        foreach (var plan in PlanBuilder.Build(config, onlySuites).DistinctBy(p => p.Suite.Name))
        {
            switch (plan)
            {
                case AccuracyPlan accuracy:
                    for (var i = 0; i < accuracy.ItemCount; i++)
                    {
                        texts.Add(Text(accuracy.BuildRequest(i, 0)));
                    }

                    break;
                case PromptsPlan prompts when prompts.Suite is PromptsSuite suite:
                    foreach (var testCase in suite.Tests)
                    {
                        foreach (var prompt in suite.Prompts)
                        {
                            texts.Add(Text(prompts.Request(testCase, prompt, 0)));
                        }
                    }

                    break;
            }
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
