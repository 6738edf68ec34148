namespace CiGate.Core.Suites.Prompts.Assertions;

/// <summary>
/// Every assertion type CiGate knows (promptfoo's names), and the promptfoo types it refuses
/// with a reason. Model-graded types (llm-rubric, factuality, similar) call the suite's grader.
/// </summary>
internal static class AssertionCatalog
{
    private const string NoCode =
        "suites run no code: a pull request could otherwise make the gate execute its code with the API key; use a deterministic assertion (regex, is-json, json-path, ...) instead";

    private const string NoOverlapScores =
        "n-gram overlap scores are not built in; use levenshtein, contains-all or an llm-rubric for the same intent";

    public static IReadOnlyDictionary<string, AssertionKind> Kinds { get; } = new Dictionary<string, AssertionKind>(StringComparer.Ordinal)
    {
        ["equals"] = new(TextAssertions.Equal),
        ["contains"] = new(s => TextAssertions.Contains(s, ignoreCase: false)),
        ["icontains"] = new(s => TextAssertions.Contains(s, ignoreCase: true)),
        ["contains-any"] = new(s => TextAssertions.ContainsSome(s, ignoreCase: false, all: false)),
        ["contains-all"] = new(s => TextAssertions.ContainsSome(s, ignoreCase: false, all: true)),
        ["icontains-any"] = new(s => TextAssertions.ContainsSome(s, ignoreCase: true, all: false)),
        ["icontains-all"] = new(s => TextAssertions.ContainsSome(s, ignoreCase: true, all: true)),
        ["starts-with"] = new(TextAssertions.StartsWith),
        ["regex"] = new(TextAssertions.Regex),
        ["max-length"] = new(s => TextAssertions.Limit(s, words: false, max: true), Negatable: false),
        ["min-length"] = new(s => TextAssertions.Limit(s, words: false, max: false), Negatable: false),
        ["max-words"] = new(s => TextAssertions.Limit(s, words: true, max: true), Negatable: false),
        ["min-words"] = new(s => TextAssertions.Limit(s, words: true, max: false), Negatable: false),
        ["levenshtein"] = new(TextAssertions.Levenshtein, UsesThreshold: true),
        ["is-json"] = new(s => JsonAssertions.IsJson(s, schemaRequired: false)),
        ["json-schema"] = new(s => JsonAssertions.IsJson(s, schemaRequired: true)),
        ["contains-json"] = new(JsonAssertions.ContainsJson),
        ["json-path"] = new(JsonAssertions.JsonPathEquals),
        ["refusal"] = new(CallAssertions.Refusal),
        ["is-refusal"] = new(CallAssertions.Refusal), // promptfoo's name
        ["pii"] = new(Guardrails.GuardrailAssertions.Pii, Negatable: false),
        ["language"] = new(Guardrails.GuardrailAssertions.Language),
        ["canary"] = new(Guardrails.GuardrailAssertions.Canary, Negatable: false),
        ["moderation"] = new(Guardrails.ModerationAssertion.Build, Negatable: false, UsesThreshold: true, UsesGrader: true), // threshold: provider endpoint only
        ["latency"] = new(CallAssertions.Latency, UsesThreshold: true), // not-latency: slower than the threshold, as in promptfoo
        ["cost"] = new(CallAssertions.Cost, Negatable: false, UsesThreshold: true),
        ["llm-rubric"] = new(Grading.ModelGradedAssertions.LlmRubric, UsesThreshold: true, UsesGrader: true),
        ["factuality"] = new(Grading.ModelGradedAssertions.Factuality, Negatable: false, UsesGrader: true),
        ["model-graded-factuality"] = new(Grading.ModelGradedAssertions.Factuality, Negatable: false, UsesGrader: true), // promptfoo's other name
        ["similar"] = new(Grading.ModelGradedAssertions.Similar, UsesThreshold: true, UsesGrader: true),
        ["is-valid-openai-tools-call"] = new(ToolCallAssertions.IsValidToolsCall), // promptfoo's name
        ["tool-call"] = new(ToolCallAssertions.Called),
    };

    /// <summary>
    /// Types that judge the call itself (its time, its price), never a part of the response: `on:` has no meaning for
    /// them.
    /// </summary>
    public static IReadOnlySet<string> CallLevel { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "latency", "cost", "is-valid-openai-tools-call", "tool-call",
    };

    /// <summary>
    /// The types whose verdict is a grader model's (a judge or an embedding model): the ones people's
    /// `grader_labels:` check, recorded per sample in items.jsonl (<see cref="Comparing.GraderAgreement"/>).
    /// </summary>
    public static IReadOnlySet<string> ModelGraded { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "llm-rubric", "factuality", "model-graded-factuality", "similar",
    };

    /// <summary>Guardrails whose failure is a leak, not a quality dip: critical unless `critical: false`.</summary>
    public static IReadOnlySet<string> CriticalByDefault { get; } = new HashSet<string>(StringComparer.Ordinal) { "canary", "pii" };

    public static IReadOnlyDictionary<string, string> Refused { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["javascript"] = NoCode,
        ["python"] = NoCode,
        ["ruby"] = NoCode,
        ["webhook"] = "suites call no webhooks: a pull request could otherwise send outputs anywhere",
        ["perplexity"] = "needs token logprobs, which CiGate does not request",
        ["perplexity-score"] = "needs token logprobs, which CiGate does not request",
        ["model-graded-closedqa"] = "this model-graded type is not built in; llm-rubric with a rubric of your own covers it",
        ["answer-relevance"] = "this model-graded type is not built in; llm-rubric with a rubric of your own covers it",
        ["g-eval"] = "this model-graded type is not built in; llm-rubric with a rubric of your own covers it",
        ["rouge-n"] = NoOverlapScores,
        ["bleu"] = NoOverlapScores,
        ["gleu"] = NoOverlapScores,
        ["meteor"] = NoOverlapScores,
        ["select-best"] = "compares outputs across prompts, which CiGate does not do per assertion",
    };
}
