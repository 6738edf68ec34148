using System.Text.Json;
using CiGate.Cli.Tests.Support;

namespace CiGate.Cli.Tests;

/// <summary>
/// `grader_labels:` for real: the model and the grader are simulators, the grader judges llm-rubric
/// and factuality over HTTP, the run records each verdict and the labels, and compare checks the
/// grader against the labels: people who agree leave the verdict alone, people who disagree make
/// the suite inconclusive (exit 3), in the console, gate.json, the comment and JUnit.
/// </summary>
public sealed class GraderLabelsTests
{
    private const string Script = """
        - match: capital
          reply: "The capital of France is Paris, a city on the Seine."
        - match: refund
          reply: "Sorry about that. Your refund will arrive within 5 days."
        """;

    // The simulated grader: rubric-pass and both-pass pass (every quoted phrase is there), rubric-fail
    // fails ("Lyon"), fact-pass passes, both-mixed passes its rubric and fails its factuality (choice D).
    private const string Tests = """
            tests:
              - id: rubric-pass
                vars: { q: "capital of France?" }
                assert: [ { type: llm-rubric, value: 'mentions "Paris"' } ]
              - id: rubric-fail
                vars: { q: "capital of France?" }
                assert: [ { type: llm-rubric, value: 'mentions "Lyon"' } ]
              - id: fact-pass
                vars: { q: "capital of France?" }
                assert: [ { type: factuality, value: "The capital of France is Paris" } ]
              - id: refund
                vars: { q: "refund please" }
                assert: [ { type: icontains, value: refund }, { type: llm-rubric, value: 'says "sorry"' } ]
              - id: both-mixed
                vars: { q: "capital of France?" }
                assert:
                  - { type: llm-rubric, value: 'mentions "Seine"' }
                  - { type: factuality, value: "Berlin is the capital of Germany and never of France" }
        """;

    [Fact]
    public async Task Labels_people_agree_with_keep_the_verdict_and_disagreeing_ones_make_it_inconclusive()
    {
        using var folder = new TempFolder();
        folder.Write("script.yaml", Script);
        folder.Write("agree.jsonl", """
            {"id": "rubric-pass", "pass": true}
            {"id": "rubric-fail", "pass": false}
            {"id": "fact-pass", "pass": true}
            {"id": "refund", "pass": true}
            {"id": "both-mixed", "pass": false}
            {"id": "both-mixed", "pass": true, "assertion": 0}
            {"id": "both-mixed", "pass": false, "assertion": 1}
            """);
        folder.Write("disagree.jsonl", """
            {"id": "rubric-pass", "pass": false}
            {"id": "rubric-fail", "pass": true}
            {"id": "fact-pass", "pass": true}
            {"id": "refund", "pass": false}
            {"id": "both-mixed", "pass": false, "assertion": 1}
            {"id": "gone", "pass": true}
            """);

        await RunAsync(folder, "base", "agree.jsonl");
        await RunAsync(folder, "agree", "agree.jsonl");
        await RunAsync(folder, "disagree", "disagree.jsonl");
        var agreed = await CliRunner.RunAsync(
            "compare", "--base", folder.File("base"), "--head", folder.File("agree"), "--out", folder.File("c1"));
        var refused = await CliRunner.RunAsync(
            "compare", "--base", folder.File("base"), "--head", folder.File("disagree"), "--out", folder.File("c2"));

        var items = File.ReadAllLines(folder.File("agree/items.jsonl"));
        Assert.Contains(items, l => l.Contains("\"model_graded\":\"pass,fail\"", StringComparison.Ordinal));
        Assert.True(agreed.ExitCode == 0, agreed.ToString());
        Assert.Contains(
            "grader_labels: the grader agrees with people on 1.00 ≥ 0.80 (7 labelled verdicts, Cohen's kappa 1.00)",
            agreed.Stdout, StringComparison.Ordinal);
        var grader = Agreement(folder.File("c1"));
        Assert.Equal(7, grader.GetProperty("agreement").GetProperty("n").GetInt32());
        Assert.Equal("[[3,0],[0,4]]", grader.GetProperty("agreement").GetProperty("confusion").GetRawText()
            .Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));

        Assert.True(refused.ExitCode == 3, refused.ToString());
        Assert.Contains(
            "grader_labels: the grader is not trusted: agrees with people on 0.40 < 0.80 "
            + "(5 labelled verdicts, Cohen's kappa -0.15)",
            refused.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, Agreement(folder.File("c2")).GetProperty("unjudged").GetInt32());
        var comment = File.ReadAllText(folder.File("c2/comment.md"));
        Assert.Contains("the grader against people: ❔ inconclusive", comment, StringComparison.Ordinal);
        Assert.Contains("| **0.400** | -0.154 | 5 | 6 | 1 | 0.80 |", comment, StringComparison.Ordinal);
        var junit = File.ReadAllText(folder.File("c2/junit.xml"));
        Assert.Contains("<testcase classname=\"cigate.chat.grader\"", junit, StringComparison.Ordinal);
        Assert.Contains("<error message=\"the grader is not trusted", junit, StringComparison.Ordinal);
    }

    private static async Task RunAsync(TempFolder folder, string name, string labels)
    {
        var config = folder.Write($"{name}.yml", $$$"""
            targets:
              sim: { model: bot, simulator: { scripts: [script.yaml] } }
              judge: { model: judge-model, role: grader, simulator: {} }
            suites:
              chat:
                kind: prompts
                targets: [sim]
                prompts: [ { id: p, text: "{{ q }}" } ]
                grader_labels: { file: {{{labels}}}, min_agreement: 0.8 }
            {{{Tests}}}
            """);
        CliAssert.Succeeds(await CliRunner.RunAsync("run", config, "--out", folder.File(name), "--quiet"));
    }

    private static JsonElement Agreement(string compareFolder)
    {
        using var gate = JsonDocument.Parse(File.ReadAllText(Path.Combine(compareFolder, "gate.json")));
        var suite = gate.RootElement.GetProperty("comparison").GetProperty("suites").EnumerateArray().Single();
        return suite.GetProperty("grader_agreement").Clone();
    }
}
