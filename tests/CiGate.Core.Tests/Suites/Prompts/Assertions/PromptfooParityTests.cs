using CiGate.Core.Targets;

namespace CiGate.Core.Tests.Suites.Prompts.Assertions;

/// <summary>
/// Every assertion type `cigate import promptfoo` converts, against promptfoo 0.121's rule for it
/// (src/assertions/*.ts, quoted above each table). Each row is an outcome promptfoo gives; a row
/// that CiGate decides differently on purpose is not here but in docs/coming-from-promptfoo.md.
/// Every binary promptfoo assertion scores pass ? 1 : 0, and `not-` inverts pass.
/// </summary>
public sealed class PromptfooParityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // equals.ts: an object or list value → util.isDeepStrictEqual(value, JSON.parse(output)), output
    // that is not JSON never equal (so not-equals passes); otherwise String(value) === output, exact.
    [Theory]
    [InlineData("- { type: equals, value: Paris }", "Paris", true)]
    [InlineData("- { type: equals, value: Paris }", "Paris ", false)]
    [InlineData("- { type: equals, value: Paris }", "paris", false)]
    [InlineData("- { type: equals, value: 42 }", "42", true)]
    [InlineData("- { type: equals, value: { a: 1, b: [1, 2] } }", """{"b": [1, 2], "a": 1}""", true)]
    [InlineData("- { type: equals, value: { a: 1 } }", """{"a": 1, "b": 2}""", false)]
    [InlineData("- { type: equals, value: { n: 1 } }", """{"n": 1.0}""", true)]
    [InlineData("- { type: equals, value: [1, 2] }", "[1,2]", true)]
    [InlineData("- { type: equals, value: [1, 2] }", "[2,1]", false)]
    [InlineData("- { type: equals, value: { a: 1 } }", "not json", false)]
    [InlineData("- { type: not-equals, value: { a: 1 } }", "not json", true)]
    [InlineData("- { type: not-equals, value: Paris }", "Paris", false)]
    public Task Equals_matches_promptfoo(string yaml, string output, bool pass) => Check(yaml, output, pass);

    // contains.ts: output.includes(String(value)); icontains lower-cases both sides.
    [Theory]
    [InlineData("- { type: contains, value: Paris }", "It is Paris.", true)]
    [InlineData("- { type: contains, value: Paris }", "It is PARIS.", false)]
    [InlineData("- { type: contains, value: 42 }", "The answer is 42.", true)]
    [InlineData("- { type: not-contains, value: Paris }", "It is Lyon.", true)]
    [InlineData("- { type: not-contains, value: Paris }", "It is Paris.", false)]
    [InlineData("- { type: icontains, value: PaRiS }", "it is paris.", true)]
    [InlineData("- { type: icontains, value: Paris }", "it is lyon.", false)]
    [InlineData("- { type: not-icontains, value: CompetitorAir }", "Try COMPETITORAIR.", false)]
    public Task Contains_and_icontains_match_promptfoo(string yaml, string output, bool pass) => Check(yaml, output, pass);

    // contains.ts: any → value.some(includes), all → every; a string value is split by
    // parseCommaSeparatedValues: trimmed fields, repeated commas skipped, "quoted, fields" keep
    // their commas (\" and "" escape a quote).
    [Theory]
    [InlineData("- { type: contains-any, value: [Paris, Lyon] }", "Lyon!", true)]
    [InlineData("- { type: contains-any, value: [Paris, Lyon] }", "lyon!", false)]
    [InlineData("- { type: contains-any, value: 'Paris, Lyon' }", "Lyon!", true)]
    [InlineData("- { type: contains-any, value: 'Paris,, Lyon' }", "Lyon!", true)]
    [InlineData("- { type: contains-any, value: '\"Hello, world\", bye' }", "Hello, world!", true)]
    [InlineData("- { type: contains-any, value: '\"Hello, world\", bye' }", "Hello world", false)]
    [InlineData("- { type: contains-any, value: '\"say \"\"hi\"\"\", x' }", "they say \"hi\"", true)]
    [InlineData("- { type: not-contains-any, value: [Paris, Lyon] }", "Nice", true)]
    [InlineData("- { type: contains-all, value: [Paris, Lyon] }", "Paris and Lyon", true)]
    [InlineData("- { type: contains-all, value: [Paris, Lyon] }", "Paris and Nice", false)]
    [InlineData("- { type: contains-all, value: '\"a, b\", c' }", "a, b and c", true)]
    [InlineData("- { type: contains-all, value: '\"a, b\", c' }", "a b and c", false)]
    [InlineData("- { type: not-contains-all, value: [Paris, Lyon] }", "Paris and Nice", true)]
    [InlineData("- { type: icontains-any, value: 'PARIS, LYON' }", "lyon", true)]
    [InlineData("- { type: icontains-any, value: [PARIS, LYON] }", "nice", false)]
    [InlineData("- { type: icontains-all, value: '\"PARIS, FR\", LYON' }", "paris, fr and lyon", true)]
    [InlineData("- { type: icontains-all, value: [PARIS, LYON] }", "paris", false)]
    [InlineData("- { type: not-icontains-any, value: [PARIS, LYON] }", "paris", false)]
    public Task Contains_any_and_all_match_promptfoo(string yaml, string output, bool pass) => Check(yaml, output, pass);

    // parseCommaSeparatedValues: an unterminated quoted field, or text after one, is an error, never a silent pass.
    [Theory]
    [InlineData("- { type: contains-any, value: '\"open, x' }", "not closed")]
    [InlineData("- { type: contains-all, value: '\"a\" b, c' }", "followed by a comma")]
    public void A_malformed_quoted_list_is_reported_at_load(string yaml, string why)
    {
        var error = Asserts.Error(yaml);

        Assert.Equal(CiGate.Core.Diagnostics.DiagnosticCodes.InvalidValue, error.Code);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    // startsWith.ts: output.startsWith(String(value)), case-sensitive, no trimming.
    [Theory]
    [InlineData("- { type: starts-with, value: 'Answer:' }", "Answer: 4", true)]
    [InlineData("- { type: starts-with, value: 'Answer:' }", " Answer: 4", false)]
    [InlineData("- { type: starts-with, value: 'Answer:' }", "answer: 4", false)]
    [InlineData("- { type: not-starts-with, value: 'Answer:' }", "The answer: 4", true)]
    public Task Starts_with_matches_promptfoo(string yaml, string output, bool pass) => Check(yaml, output, pass);

    // regex.ts: new RegExp(value).test(output): no flags (case-sensitive), matches anywhere.
    [Theory]
    [InlineData("- { type: regex, value: 'a+b' }", "xxaab yy", true)]
    [InlineData("- { type: regex, value: 'paris' }", "Paris", false)]
    [InlineData("- { type: regex, value: '^\\d{3}$' }", "123", true)]
    [InlineData("- { type: regex, value: '^\\d{3}$' }", "1234", false)]
    [InlineData("- { type: not-regex, value: 'CANARY-[0-9a-f]+' }", "no leak", true)]
    [InlineData("- { type: not-regex, value: 'CANARY-[0-9a-f]+' }", "leak CANARY-7f3a", false)]
    public Task Regex_matches_promptfoo(string yaml, string output, bool pass) => Check(yaml, output, pass);

    // levenshtein.ts: distance(output, value) <= (threshold || 5).
    [Theory]
    [InlineData("- { type: levenshtein, value: kitten }", "sitting", true)] // 3 ≤ 5
    [InlineData("- { type: levenshtein, value: kitten }", "kit", true)] // 3
    [InlineData("- { type: levenshtein, value: kitten }", "", false)] // 6 > 5
    [InlineData("- { type: levenshtein, value: kitten, threshold: 2 }", "sitting", false)]
    [InlineData("- { type: levenshtein, value: kitten, threshold: 3 }", "sitting", true)]
    public Task Levenshtein_matches_promptfoo(string yaml, string output, bool pass) => Check(yaml, output, pass);

    // json.ts handleIsJson: JSON.parse(output) of the whole output (whitespace allowed, fences not;
    // any JSON value, duplicate keys allowed); with a schema value, ajv must validate it, and
    // not-is-json passes on output that is not JSON or does not match.
    [Theory]
    [InlineData("- type: is-json", """{"a": 1}""", true)]
    [InlineData("- type: is-json", " \n{\"a\": 1}\n ", true)]
    [InlineData("- type: is-json", "```json\n{\"a\": 1}\n```", false)]
    [InlineData("- type: is-json", "\"just a string\"", true)]
    [InlineData("- type: is-json", "42", true)]
    [InlineData("- type: is-json", "null", true)]
    [InlineData("- type: is-json", """{"a": 1,}""", false)]
    [InlineData("- type: is-json", "", false)]
    [InlineData("- type: is-json", """{"a": 1, "a": 2}""", true)]
    [InlineData("- type: not-is-json", "plain words", true)]
    [InlineData("- type: not-is-json", "[1]", false)]
    [InlineData("- { type: is-json, value: { type: object, required: [a] } }", """{"a": 1}""", true)]
    [InlineData("- { type: is-json, value: { type: object, required: [a] } }", """{"b": 1}""", false)]
    [InlineData("- { type: is-json, value: { type: object, required: [a] } }", """{"a": 1, "a": 2}""", true)]
    [InlineData("- { type: not-is-json, value: { type: object, required: [a] } }", """{"b": 1}""", true)]
    [InlineData("- { type: not-is-json, value: { type: object, required: [a] } }", """{"a": 1}""", false)]
    public Task Is_json_matches_promptfoo(string yaml, string output, bool pass) => Check(yaml, output, pass);

    // json.ts handleContainsJson: some JSON object in the output (prose or fences around it); with a
    // schema, some object must validate; not-contains-json passes when none is found (or none matches).
    [Theory]
    [InlineData("- type: contains-json", """Here: {"a": 1} done""", true)]
    [InlineData("- type: contains-json", "```json\n{\"a\": 1}\n```", true)]
    [InlineData("- type: contains-json", "no json here", false)]
    [InlineData("- type: not-contains-json", "no json here", true)]
    [InlineData("- type: not-contains-json", """Here: {"a": 1}""", false)]
    [InlineData("- { type: contains-json, value: { type: object, required: [b] } }", """{"a": 1} and {"b": 2}""", true)]
    [InlineData("- { type: contains-json, value: { type: object, required: [c] } }", """{"a": 1} and {"b": 2}""", false)]
    [InlineData("- { type: not-contains-json, value: { type: object, required: [c] } }", """{"a": 1}""", true)]
    public Task Contains_json_matches_promptfoo(string yaml, string output, bool pass) => Check(yaml, output, pass);

    // refusal.ts handleIsRefusal: empty or whitespace-only output is a refusal; otherwise the refusal
    // classifier (CiGate uses its own detector; the clear cases agree).
    [Theory]
    [InlineData("is-refusal", "", true)]
    [InlineData("is-refusal", "   \n", true)]
    [InlineData("not-is-refusal", "", false)]
    [InlineData("is-refusal", "I'm sorry, but I can't help with that.", true)]
    [InlineData("is-refusal", "The capital of France is Paris.", false)]
    [InlineData("not-is-refusal", "The capital of France is Paris.", true)]
    public Task Is_refusal_matches_promptfoo(string type, string output, bool pass) => Check($"- type: {type}", output, pass);

    // latency.ts: pass = inverse ? latencyMs > threshold : latencyMs <= threshold.
    [Theory]
    [InlineData("latency", 500, 500, true)]
    [InlineData("latency", 500, 501, false)]
    [InlineData("not-latency", 500, 501, true)]
    [InlineData("not-latency", 500, 500, false)]
    public async Task Latency_matches_promptfoo(string type, double threshold, double latencyMs, bool pass)
    {
        var assertion = Asserts.One($"- {{ type: {type}, threshold: {threshold} }}");

        var result = await assertion.EvaluateAsync(Asserts.Context("x", latencyMs: latencyMs), Ct);

        Assert.Equal(pass, result.Pass);
        Assert.Equal(pass ? 1 : 0, result.Score);
    }

    // cost.ts: pass = cost <= threshold (CiGate prices the reported tokens; promptfoo takes the
    // provider's cost): 1000 + 1000 tokens at 0.001 + 0.002 per 1k cost 0.003.
    [Theory]
    [InlineData(0.003, true)]
    [InlineData(0.0029, false)]
    public async Task Cost_matches_promptfoo(double threshold, bool pass)
    {
        var assertion = Asserts.One($"- {{ type: cost, threshold: {threshold}, value: {{ prompt_per_1k: 0.001, completion_per_1k: 0.002 }} }}");

        var result = await assertion.EvaluateAsync(Asserts.Context("x", usage: new TokenUsage(1000, 1000)), Ct);

        Assert.Equal(pass, result.Pass);
        Assert.Equal(pass ? 1 : 0, result.Score);
    }

    private static async Task Check(string yaml, string output, bool pass)
    {
        var result = await Asserts.Run(yaml, output);

        Assert.True(pass == result.Pass, result.Reason);
        Assert.Equal(pass ? 1 : 0, result.Score);
        Assert.False(result.Error, result.Reason);
    }
}
