using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Results;

namespace CiGate.Core.Tests.Config;

/// <summary>The `pairwise:` key of prompt, accuracy and tool suites, and what the run records of it.</summary>
public sealed class PairwiseConfigTests : IDisposable
{
    private const string Targets = """
        targets:
          bot: { base_url: "http://127.0.0.1:9/v1", model: bot }
          judge: { base_url: "http://127.0.0.1:9/v1", model: gpt-4.1, role: grader, api_key_env: JUDGE_KEY }
        """;

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Reads_every_key_and_defaults_the_grader_and_the_bars()
    {
        folder.Write("judge.txt", "Criteria: {{ criteria }}\n{{ input }}\n{{ first }}\n{{ second }}\n");
        folder.Write("labels.jsonl", "{\"id\": \"t1\", \"winner\": \"head\"}\n{\"id\": \"t2\", \"winner\": \"tie\"}\n");
        var path = folder.Write("cigate.yml", Targets + """

            suites:
              full:
                kind: prompts
                targets: [bot]
                prompts: [ { text: "{{ q }}" } ]
                tests: [ { vars: { q: hi } } ]
                pairwise:
                  grader: judge
                  min_win_rate: 0.4
                  prompt: judge.txt
                  criteria: 'names the "refund"'
                  labels: labels.jsonl
                  min_agreement: 0.7
              plain:
                kind: prompts
                targets: [bot]
                prompts: [ { text: "{{ q }}" } ]
                tests: [ { vars: { q: hi } } ]
                pairwise: {}
            """);

        var suites = ConfigLoader.Load(path).Suites;

        var full = suites.Single(s => s.Name == "full").Pairwise!;
        Assert.Equal(("judge", 0.4, "names the \"refund\""), (full.Grader, full.MinWinRate, full.Criteria));
        Assert.Contains("{{ first }}", full.PromptSource!, StringComparison.Ordinal);
        Assert.Equal(PairwisePreference.Head, full.Labels!["t1"]);
        Assert.Equal(0.7, full.MinAgreement);
        var plain = suites.Single(s => s.Name == "plain").Pairwise!;
        Assert.Equal(
            ("judge", 0.45, PairwiseSettings.DefaultCriteria), (plain.Grader, plain.MinWinRate, plain.Criteria));
        Assert.Null(plain.Labels);
        Assert.Null(plain.MinAgreement);
    }

    [Fact]
    public void The_record_names_the_key_variable_but_never_holds_a_secret()
    {
        var path = folder.Write("cigate.yml", Targets + """

            suites:
              s:
                kind: prompts
                targets: [bot]
                prompts: [ { text: "{{ q }}" } ]
                tests: [ { vars: { q: hi } } ]
                pairwise: { grader: judge }
            """);
        var config = ConfigLoader.Load(path);

        var record = PairwiseRecord.Of(config.Suites[0].Pairwise, config.Targets)!;
        var json = System.Text.Json.JsonSerializer.Serialize(record, ResultsJson.Options);

        var judge = record.Judge;
        Assert.Equal(
            ("judge", "gpt-4.1", "JUDGE_KEY", false), (judge.Name, judge.Model, judge.ApiKeyEnv, judge.Simulated));
        Assert.Contains("\"api_key_env\": \"JUDGE_KEY\"", json, StringComparison.Ordinal);
        Assert.Contains("\"base_url\": \"http://127.0.0.1:9/v1", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(
        "pairwise: { grader: juge }",
        "CIGATE0007", "names target 'juge', which is not defined; did you mean 'judge'?", 10, 25)]
    [InlineData(
        "pairwise: { min_win_rate: 1.5 }",
        "CIGATE0005", "'suites.s.pairwise.min_win_rate' must be between 0 and 1, not 1.5", 10, 31)]
    [InlineData(
        "pairwise: { labels: labels.jsonl, min_agreement: -0.1 }",
        "CIGATE0005", "'suites.s.pairwise.min_agreement' must be between 0 and 1", 10, 54)]
    [InlineData("pairwise: { prompt: nowhere.txt }", "CIGATE0203", "prompt file 'nowhere.txt' not found", 10, 25)]
    [InlineData(
        "pairwise: { labels: nowhere.jsonl }",
        "CIGATE0101", "pairwise label file 'nowhere.jsonl' not found", 10, 25)]
    [InlineData(
        "pairwise: { min_agreement: 0.8 }",
        "CIGATE0004", "'suites.s.pairwise.min_agreement' needs 'labels:'", 10, 32)]
    [InlineData("pairwise: { judge: x }", "CIGATE0002", "judge", 10, 17)]
    public void A_bad_setting_is_reported_at_its_place(string line, string code, string message, int row, int column)
    {
        folder.Write("labels.jsonl", "{\"id\": \"t1\", \"winner\": \"head\"}\n");
        var path = folder.Write("cigate.yml", Targets + $$$"""

            suites:
              s:
                kind: prompts
                targets: [bot]
                prompts: [ { text: "{{ q }}" } ]
                tests: [ { vars: { q: hi } } ]
                {{{line}}}
            """);

        var error = Assert.Throws<CiGateException>(() => ConfigLoader.Load(path));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal((path, row, column), (diagnostic.File, diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void An_accuracy_suite_takes_the_key_too_and_it_leaves_the_definition_hash_alone()
    {
        folder.Write("data.jsonl", "{\"question_id\": 1, \"question\": \"1 + 1?\", \"options\": [\"1\", \"2\"], "
            + "\"answer\": \"B\", \"category\": \"math\"}\n");
        var suite = """
              mmlu:
                preset: mmlu-pro
                targets: [bot]
                dataset: { path: data.jsonl }
            """;
        var plain = folder.Write("plain.yml", Targets + "\nsuites:\n" + suite);
        var judged = folder.Write(
            "judged.yml", Targets + "\nsuites:\n" + suite + "\n    pairwise: { min_win_rate: 0.5 }\n");

        var without = ConfigLoader.Load(plain).Suites.Single();
        var with = ConfigLoader.Load(judged).Suites.Single();

        Assert.Null(without.Pairwise);
        Assert.Equal(("judge", 0.5), (with.Pairwise!.Grader, with.Pairwise.MinWinRate));
        Assert.Equal(without.DefinitionHash, with.DefinitionHash);
    }

    [Fact]
    public void A_perf_suite_has_no_text_answers_to_judge()
    {
        var path = folder.Write("cigate.yml", Targets + """

            suites:
              load:
                kind: perf
                targets: [bot]
                pairwise: { grader: judge }
            """);

        var error = Assert.Throws<CiGateException>(() => ConfigLoader.Load(path));

        var diagnostic = Assert.Single(
            error.Diagnostics, d => d.Message.Contains("pairwise", StringComparison.Ordinal));
        Assert.Equal(DiagnosticCodes.InvalidValue, diagnostic.Code);
        Assert.Contains("judges text answers of prompts, accuracy, tools suites, not a perf suite", diagnostic.Message,
            StringComparison.Ordinal);
        Assert.Equal((8, 15), (diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void Without_a_grader_named_or_one_with_role_grader_it_is_an_error()
    {
        var path = folder.Write("cigate.yml", """
            targets:
              bot: { base_url: "http://127.0.0.1:9/v1", model: bot }
            suites:
              s:
                kind: prompts
                targets: [bot]
                prompts: [ { text: "{{ q }}" } ]
                tests: [ { vars: { q: hi } } ]
                pairwise: { min_win_rate: 0.5 }
            """);

        var error = Assert.Throws<CiGateException>(() => ConfigLoader.Load(path));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(DiagnosticCodes.MissingKey, diagnostic.Code);
        Assert.Contains("names no grader; set 'grader:'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(9, diagnostic.Line);
    }
}
