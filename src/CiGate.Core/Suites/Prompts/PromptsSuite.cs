using System.Text.Json.Nodes;
using CiGate.Core.Config;
using CiGate.Core.Text;

namespace CiGate.Core.Suites.Prompts;

/// <summary>
/// A prompt regression suite: every test case runs against every prompt on every target,
/// <see cref="Repeats"/> times; a case passes when at least <see cref="PassAtLeast"/> repeats pass.
/// </summary>
public sealed record PromptsSuite(
    string Name,
    IReadOnlyList<string> Targets,
    IReadOnlyList<SuitePrompt> Prompts,
    IReadOnlyList<TestCase> Tests,
    int MaxTokens,
    IReadOnlyList<string> Stop,
    double? Temperature,
    int Repeats,
    int PassAtLeast)
    : SuiteDefinition(Name, KindName, Targets)
{
    /// <summary>The grader model-graded assertions use unless they name their own.</summary>
    public string? Grader { get; init; }

    /// <summary>The suite's llm-rubric judge prompt, replacing the built-in one.</summary>
    public SuitePrompt? JudgePrompt { get; init; }

    /// <summary>
    /// The suite's `request:` (tools, tool_choice, parallel_tool_calls, response_format); null asks for none.
    /// </summary>
    public Targets.RequestSurface? Request { get; init; }

    /// <summary>Every grader some assertion calls: the plan's auxiliary targets.</summary>
    public IReadOnlyList<string> GraderTargets =>
        [.. Tests.SelectMany(t => t.Assertions).Select(Assertions.CriticalAssertion.Unwrap).OfType<Grading.GradedAssertion>().Select(a => a.Grader ?? Grader).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public const string KindName = "prompts";

    public string PromptTemplateHash => Hashing.Sha256Hex(string.Join("\u0000", Prompts.Select(p => $"{p.Id}\u0001{p.Source}")));

    public override JsonObject Describe()
    {
        var description = Core();
        if (Grader is not null)
        {
            description["grader"] = Grader;
        }

        if (JudgePrompt is not null)
        {
            description["judge_prompt"] = JudgePrompt.Source;
        }

        // Only when set, so the definitions (and hashes) of suites without one stay as they were.
        if (Request is not null)
        {
            description["request"] = Request.Describe();
        }

        return description;
    }

    private JsonObject Core() => new()
    {
        ["kind"] = Kind,
        // Prompt texts are what a pull request changes and tests: they are hashed separately
        // (PromptTemplateHash), so an edited prompt shows as "the prompt changed", not as new cases.
        ["prompts"] = new JsonArray([.. Prompts.Select(p => JsonValue.Create(p.Id))]),
        ["tests"] = new JsonArray([.. Tests.Select(Case)]),
        ["generation"] = new JsonObject
        {
            ["max_tokens"] = MaxTokens,
            ["stop"] = new JsonArray([.. Stop.Select(s => JsonValue.Create(s))]),
            ["temperature"] = Temperature,
            ["repeats"] = Repeats,
            ["pass_at_least"] = PassAtLeast,
        },
    };

    private static JsonNode Case(TestCase t)
    {
        var node = new JsonObject
        {
            ["id"] = t.Id,
            ["description"] = t.Description,
            ["vars"] = PlainJson.From(t.Vars),
            ["assert"] = new JsonArray([.. t.AssertionSources.Select(a => JsonValue.Create(a))]),
            ["threshold"] = t.Threshold,
        };

        // Only when set, so the definitions (and hashes) of suites without it stay as they were.
        if (t.Critical)
        {
            node["critical"] = true;
        }

        if (t.Unreviewed)
        {
            node["unreviewed"] = true;
        }

        if (t.Request is not null)
        {
            node["request"] = t.Request.Describe();
        }

        return node;
    }
}
