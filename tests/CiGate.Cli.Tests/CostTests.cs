using System.Text;
using System.Text.Json;
using CiGate.Cli.Tests.Support;

namespace CiGate.Cli.Tests;

/// <summary>
/// Token usage, prices and budgets, run for real against simulators: the suite's sums and cost
/// come from the items on disk, a judge's tokens are counted apart, and a budget stops the run
/// within one request of its cap with an inconclusive verdict named in the outputs.
/// </summary>
public sealed class CostTests
{
    [Fact]
    public async Task Suite_usage_sums_the_items_prices_them_and_counts_the_judge_apart()
    {
        using var folder = new TempFolder();
        var config = folder.File("cigate.yml");
        File.WriteAllText(config, """
            targets:
              sim: { model: bot, simulator: {}, pricing: { input_per_mtok: 1.5, output_per_mtok: 6, currency: EUR } }
              free: { model: bot, simulator: {} }
              judge:
                model: judge-model
                role: grader
                simulator: {}
                pricing: { input_per_mtok: 3, output_per_mtok: 15, currency: EUR }
            suites:
              chat:
                kind: prompts
                prompts: [ { id: p, text: "{{ q }}" } ]
                tests:
                  - id: graded
                    vars: { q: "capital of France?" }
                    assert: [ { type: llm-rubric, value: 'is polite' } ]
                  - id: plain
                    vars: { q: "say hello to the world" }
                    assert: [ { type: contains, value: "" } ]
            """);

        var run = await CliRunner.RunAsync("run", config, "--out", folder.File("out"), "--quiet");

        CliAssert.Succeeds(run);
        var results = JsonDocument.Parse(File.ReadAllText(folder.File("out/results.json"))).RootElement;
        var items = Lines(folder.File("out"));
        var priced = Suite(results, "sim").GetProperty("usage");
        var unpriced = Suite(results, "free").GetProperty("usage");
        var simItems = items.Where(i => i.GetProperty("target").GetString() == "sim").ToList();
        long prompt = simItems.Sum(i => i.GetProperty("usage").GetProperty("prompt_tokens").GetInt64());
        long completion = simItems.Sum(i => i.GetProperty("usage").GetProperty("completion_tokens").GetInt64());
        Assert.True(prompt > 0 && completion > 0);
        Assert.Equal(prompt, priced.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(((prompt * 1.5) + (completion * 6)) / 1e6, priced.GetProperty("cost").GetDouble(), 6);
        Assert.Equal("EUR", priced.GetProperty("currency").GetString());
        Assert.False(unpriced.TryGetProperty("cost", out _)); // no price: tokens only, never a made-up cost
        Assert.True(unpriced.TryGetProperty("grader_cost", out _)); // its judge is priced all the same

        // The judge: its requests (the version probe and the verdict) belong to the graded case only.
        var graded = simItems.Single(i => Id(i).StartsWith("graded", StringComparison.Ordinal));
        var plain = simItems.Single(i => Id(i).StartsWith("plain", StringComparison.Ordinal));
        Assert.False(plain.TryGetProperty("grader_usage", out _));
        var judge = graded.GetProperty("grader_usage");
        Assert.True(judge.GetProperty("requests").GetInt32() >= 1);
        Assert.True(judge.GetProperty("prompt_tokens").GetInt32() > 0);
        Assert.Equal(judge.GetProperty("requests").GetInt64(), priced.GetProperty("grader_requests").GetInt64());
        var graderCost = ((judge.GetProperty("prompt_tokens").GetInt64() * 3)
            + (judge.GetProperty("completion_tokens").GetInt64() * 15)) / 1e6;
        Assert.Equal(graderCost, priced.GetProperty("grader_cost").GetDouble(), 6);
        // The judge's tokens are not the target's.
        Assert.Equal(prompt, graded.GetProperty("usage").GetProperty("prompt_tokens").GetInt64()
            + plain.GetProperty("usage").GetProperty("prompt_tokens").GetInt64());

        var summary = await CliRunner.RunAsync("run", config, "--out", folder.File("again"));
        Assert.Contains("cost ", summary.Stdout, StringComparison.Ordinal);
        Assert.Contains(" EUR", summary.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task A_token_budget_stops_within_one_request_of_the_cap_and_is_inconclusive(int concurrency)
    {
        using var folder = new TempFolder();
        var tests = new StringBuilder();
        for (var i = 0; i < 40; i++)
        {
            var words = string.Join(' ', Enumerable.Repeat("word", 5 + (i % 7) * 3));
            tests.AppendLine(
                $"      - {{ id: case-{i:00}, vars: {{ q: \"question {i} {words}\" }}, "
                + "assert: [ { type: contains, value: \"\" } ] }");
        }

        string Config(string budget) => $$$"""
            targets:
              sim: { model: bot, concurrency: {{{concurrency}}}, simulator: {} }
            {{{budget}}}
            suites:
              chat:
                kind: prompts
                prompts: [ { id: p, text: "{{ q }}" } ]
                tests:
            {{{tests}}}
            """;
        File.WriteAllText(folder.File("base.yml"), Config(""));
        CliAssert.Succeeds(await Run(folder, "base"));
        var spentPerItem = Tokens(folder.File("base"));
        var cap = spentPerItem.Values.Sum() * 2 / 5;
        var largest = spentPerItem.Values.Max();
        File.WriteAllText(folder.File("head.yml"), Config($"budget: {{ tokens: {cap} }}"));

        var head = await CliRunner.RunAsync("run", folder.File("head.yml"), "--out", folder.File("head"));

        var spent = Tokens(folder.File("head"));
        var total = spent.Values.Sum();
        Assert.True(
            total <= cap + largest && total >= cap - largest,
            $"spent {total} of a {cap}-token cap (one request: up to {largest})");
        Assert.True(spent.Count < 40);
        // Incomplete, but by the config's own limit: exit 0 so a workflow goes on to compare, which says why.
        Assert.Equal(0, head.ExitCode);
        Assert.Contains("budget reached: the run budget of", head.Stdout, StringComparison.Ordinal);
        var results = JsonDocument.Parse(File.ReadAllText(folder.File("head/results.json"))).RootElement;
        Assert.Equal("incomplete", results.GetProperty("status").GetString());
        Assert.Contains("budget reached", results.GetProperty("budget_stop").GetString(), StringComparison.Ordinal);
        var suiteStop = Suite(results, "sim").GetProperty("budget_stop").GetString();
        Assert.Contains("budget reached", suiteStop, StringComparison.Ordinal);

        // Finished items are kept and compared; the verdict is inconclusive, never pass, and says why.
        var compare = await CliRunner.RunAsync(
            "compare", "--base", folder.File("base"), "--head", folder.File("head"), "--out", folder.File("cmp"));
        Assert.True(compare.ExitCode == 3, compare.ToString());
        Assert.Contains("budget reached: the run budget of", compare.Stdout, StringComparison.Ordinal);
        var gate = File.ReadAllText(folder.File("cmp/gate.json"));
        Assert.Contains("budget reached", gate, StringComparison.Ordinal);
    }

    /// <summary>
    /// A resumed run is the same run: what it spent before counts against its budget. Resumed with the
    /// same cap it sends nothing and says why; with a raised cap it stops within one request of the new
    /// cap, counting both invocations; with --fresh-budget this invocation gets the cap to itself.
    /// </summary>
    [Fact]
    public async Task A_resumed_run_counts_what_it_spent_before_against_its_budget_unless_told_to_start_fresh()
    {
        using var folder = new TempFolder();
        var tests = new StringBuilder();
        for (var i = 0; i < 60; i++)
        {
            var words = string.Join(' ', Enumerable.Repeat("word", 5 + (i % 7) * 3));
            tests.AppendLine(
                $"      - {{ id: case-{i:00}, vars: {{ q: \"question {i} {words}\" }}, "
                + "assert: [ { type: contains, value: \"\" } ] }");
        }

        string Config(long cap) => $$$"""
            targets:
              sim: { model: bot, concurrency: 1, simulator: {} }
            budget: { tokens: {{{cap}}} }
            suites:
              chat:
                kind: prompts
                prompts: [ { id: p, text: "{{ q }}" } ]
                tests:
            {{{tests}}}
            """;
        const long Cap = 500;
        var config = folder.File("cigate.yml");
        File.WriteAllText(config, Config(Cap));
        async Task<CliResult> Resume(params string[] more) =>
            await CliRunner.RunAsync(["run", config, "--out", folder.File("run"), "--quiet", "--resume", .. more]);
        CliAssert.Succeeds(await CliRunner.RunAsync("run", config, "--out", folder.File("run"), "--quiet"));
        var first = Tokens(folder.File("run"));
        var largest = first.Values.Max();
        Assert.InRange(first.Values.Sum(), Cap - largest, Cap);

        // The same cap: already spent, nothing is sent, and the stop says what was spent before.
        var same = await Resume();
        Assert.Equal(0, same.ExitCode);
        Assert.Equal(first.Count, Tokens(folder.File("run")).Count);
        Assert.Contains("of them before --resume", same.Stdout, StringComparison.Ordinal);
        Assert.Contains("--fresh-budget counts from zero", same.Stdout, StringComparison.Ordinal);

        // A raised cap: the run goes on to within one request of it, both invocations counted.
        File.WriteAllText(config, Config(2 * Cap));
        CliAssert.Succeeds(await Resume());
        var second = Tokens(folder.File("run"));
        Assert.True(second.Count > first.Count);
        Assert.InRange(second.Values.Sum(), (2 * Cap) - largest, 2 * Cap);

        // A fresh budget: this invocation may spend the cap again on its own.
        CliAssert.Succeeds(await Resume("--fresh-budget"));
        var third = Tokens(folder.File("run"));
        var spentNow = third.Values.Sum() - second.Values.Sum();
        Assert.InRange(spentNow, (2 * Cap) - largest, 2 * Cap);
        Assert.True(third.Count < 60, "the fresh budget stops too");

        var usage = await CliRunner.RunAsync("run", config, "--out", folder.File("other"), "--fresh-budget");
        Assert.NotEqual(0, usage.ExitCode);
        Assert.Contains("--fresh-budget applies to --resume", usage.Stderr + usage.Stdout, StringComparison.Ordinal);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"cap {Cap}: first {first.Values.Sum()} tokens ({first.Count} cases); resumed at the same cap: 0 sent; "
            + $"cap {2 * Cap}: {second.Values.Sum()} in all ({second.Count}); "
            + $"--fresh-budget: +{spentNow} ({third.Count})");
    }

    [Fact]
    public async Task A_suite_cost_budget_stops_that_suite_only()
    {
        using var folder = new TempFolder();
        var config = folder.File("cigate.yml");
        File.WriteAllText(config, """
            targets:
              sim:
                model: bot
                concurrency: 1
                simulator: {}
                pricing: { input_per_mtok: 1000, output_per_mtok: 1000 }
            suites:
              capped:
                kind: prompts
                budget: { cost: 0.2 }
                prompts: [ { id: p, text: "{{ q }}" } ]
                tests:
                  - { id: a, vars: { q: "first question with a few words" } }
                  - { id: b, vars: { q: "second question with a few words" } }
                  - { id: c, vars: { q: "third question with a few words" } }
                  - { id: d, vars: { q: "fourth question with a few words" } }
                  - { id: e, vars: { q: "fifth question with a few words" } }
                  - { id: f, vars: { q: "sixth question with a few words" } }
              free:
                kind: prompts
                prompts: [ { id: p, text: "{{ q }}" } ]
                tests:
                  - { id: a, vars: { q: "an uncapped question" } }
            """);

        var run = await CliRunner.RunAsync("run", config, "--out", folder.File("out"), "--quiet");

        Assert.Equal(0, run.ExitCode);
        var results = JsonDocument.Parse(File.ReadAllText(folder.File("out/results.json"))).RootElement;
        var suites = results.GetProperty("suites").EnumerateArray().ToList();
        var capped = suites.Single(s => s.GetProperty("suite").GetString() == "capped");
        var free = suites.Single(s => s.GetProperty("suite").GetString() == "free");
        Assert.True(capped.GetProperty("usage").GetProperty("cost").GetDouble() <= 0.2);
        Assert.True(capped.GetProperty("counts").GetProperty("missing").GetInt32() > 0);
        var stop = capped.GetProperty("budget_stop").GetString();
        Assert.Contains("the suite 'capped' budget of 0.2000 USD", stop, StringComparison.Ordinal);
        Assert.Equal(0, free.GetProperty("counts").GetProperty("missing").GetInt32());
        Assert.False(free.TryGetProperty("budget_stop", out _));
    }

    [Fact]
    public async Task Compare_shows_the_cost_and_output_length_change_in_every_output()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("script.yaml"), """
            - match: short
              reply: "Paris."
            - match: long
              reply: "The capital of France is Paris, a city on the Seine with many bridges."
            """);
        string Config(string style) => $$$"""
            targets:
              sim:
                model: bot
                simulator: { scripts: [script.yaml] }
                pricing: { input_per_mtok: 2.5, output_per_mtok: 10, currency: EUR }
            suites:
              chat:
                kind: prompts
                prompts: [ { id: p, text: "Answer {{{style}}}: {{ q }}" } ]
                tests:
                  - { id: a, vars: { q: "capital of France?" }, assert: [ { type: icontains, value: paris } ] }
            """;
        File.WriteAllText(folder.File("base.yml"), Config("short"));
        File.WriteAllText(folder.File("head.yml"), Config("long"));
        CliAssert.Succeeds(await Run(folder, "base"));
        CliAssert.Succeeds(await Run(folder, "head"));

        var compare = await CliRunner.RunAsync(
            "compare", "--base", folder.File("base"), "--head", folder.File("head"), "--out", folder.File("cmp"));

        var line = compare.Stdout.Split('\n')
            .Select(l => l.Trim())
            .Single(l => l.StartsWith("cost: ", StringComparison.Ordinal));
        Assert.Matches(
            @"^cost: tokens \d+ → \d+ \(\+\d+%\), cost \(EUR\) 0\.\d{4} → 0\.\d{4} \(\+\d+%\), "
                + @"output chars 6 → 70 \(\+1067%\)$",
            line);
        var row = line["cost: ".Length..];
        var comment = File.ReadAllText(folder.File("cmp/comment.md"));
        Assert.Contains($"- Suite cost: {row}.", comment, StringComparison.Ordinal);
        var html = File.ReadAllText(folder.File("cmp/report.html"));
        Assert.Contains("Suite cost: tokens ", html, StringComparison.Ordinal);
        var usage = JsonDocument.Parse(File.ReadAllText(folder.File("cmp/gate.json"))).RootElement
            .GetProperty("comparison").GetProperty("suites")[0].GetProperty("usage");
        Assert.True(usage.GetProperty("head_cost").GetDouble() > usage.GetProperty("base_cost").GetDouble());
        Assert.Equal(70, usage.GetProperty("head_output_chars").GetDouble());
        Assert.Equal("EUR", usage.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task Pricing_and_budget_mistakes_are_placed_config_errors()
    {
        using var folder = new TempFolder();
        var config = folder.File("cigate.yml");
        File.WriteAllText(config, """
            targets:
              sim: { model: bot, simulator: {}, pricing: { input_per_mtok: 1 } }
              other: { model: bot, simulator: {}, pricing: { input_per_mtok: 1, output_per_mtok: 2, curency: EUR } }
            budget: {}
            suites:
              chat:
                kind: prompts
                budget: { tokens: 0 }
                prompts: [ { id: p, text: "hi" } ]
                tests: [ { id: a } ]
            """);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        CliAssert.HasError(result, "CIGATE0004", config, (2, 46));
        Assert.Contains("needs both 'input_per_mtok' and 'output_per_mtok'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(
            "unknown key 'curency' in 'targets.other.pricing'; did you mean 'currency'?",
            result.Stderr,
            StringComparison.Ordinal);
        Assert.Contains("'config.budget' needs 'tokens'", result.Stderr, StringComparison.Ordinal);
        CliAssert.HasError(result, "CIGATE0005", config, (8, 23)); // tokens: 0, and nothing more about it
        Assert.DoesNotContain("'suites.chat.budget' needs", result.Stderr, StringComparison.Ordinal);
    }

    private static JsonElement Suite(JsonElement results, string target) =>
        results.GetProperty("suites").EnumerateArray().Single(s => s.GetProperty("target").GetString() == target);

    /// <summary>Prompt + completion tokens of each finished item in a results folder.</summary>
    private static Dictionary<string, long> Tokens(string folder) =>
        Lines(folder).ToDictionary(Id, e =>
        {
            var usage = e.GetProperty("usage");
            return usage.GetProperty("prompt_tokens").GetInt64() + usage.GetProperty("completion_tokens").GetInt64();
        });

    private static List<JsonElement> Lines(string folder) =>
        [.. File.ReadAllLines(Path.Combine(folder, "items.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)];

    private static string Id(JsonElement item) => item.GetProperty("item").GetString()!;

    /// <summary>Runs NAME.yml of the folder into the folder NAME.</summary>
    private static Task<CliResult> Run(TempFolder folder, string name) =>
        CliRunner.RunAsync("run", folder.File($"{name}.yml"), "--out", folder.File(name), "--quiet");
}
