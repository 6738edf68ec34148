using System.Text.Json.Nodes;
using CiGate.Core.Config;
using CiGate.Core.Results;
using CiGate.Core.Running;

namespace CiGate.Core.Suites.Prompts;

/// <summary>
/// A prompts plan for summarising only: its metrics read the cases and prompts (the item list),
/// repeats and the k-of-N rule. Prompt texts and assertions are not needed to summarise, and the
/// stored definition keeps only their ids and sources.
/// </summary>
internal static class PromptsSummaryPlan
{
    public static ISuitePlan Rebuild(SuiteResult stored, TargetDefinition target)
    {
        var definition = stored.Definition;
        var generation = definition["generation"] as JsonObject ?? throw new FormatException("'generation' is missing");
        var prompts = (definition["prompts"] as JsonArray ?? [])
            .Select(p => new SuitePrompt(p!.GetValue<string>(), RunResults.FileName, "", []))
            .ToList();
        var vars = new Dictionary<string, object?>();
        var tests = (definition["tests"] as JsonArray ?? [])
            .Select(t => new TestCase(
                t!["id"]!.GetValue<string>(),
                t["description"]?.GetValue<string>(),
                vars,
                [],
                [.. (t["assert"] as JsonArray ?? []).Select(a => a?.ToString() ?? "")],
                t["threshold"]?.GetValue<double>()))
            .ToList();
        var repeats = generation["repeats"]?.GetValue<int>() ?? 1;
        var suite = new PromptsSuite(
            stored.Suite,
            [target.Name],
            prompts,
            tests,
            generation["max_tokens"]?.GetValue<int>() ?? 0,
            [],
            generation["temperature"]?.GetValue<double>(),
            repeats,
            generation["pass_at_least"]?.GetValue<int>() ?? repeats);
        return new PromptsPlan(suite, target);
    }
}
