using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Results;

namespace CiGate.Core.Tests.Config;

/// <summary>A prompt suite's `grader_labels:` key, its label file, and what the run records of it.</summary>
public sealed class GraderLabelsConfigTests : IDisposable
{
    private const string Targets = """
        targets:
          bot: { base_url: "http://127.0.0.1:9/v1", model: bot }
          judge: { base_url: "http://127.0.0.1:9/v1", model: gpt-4.1, role: grader }
        """;

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Reads_the_file_and_the_bar_with_its_default_and_leaves_the_definition_hash_alone()
    {
        folder.Write("labels.jsonl", """
            {"id": "t1", "pass": true, "note": "names the refund"}

            {"id": "t2", "pass": false}
            {"id": "t2", "pass": true, "assertion": 1}
            """);
        var suite = """
              s:
                kind: prompts
                targets: [bot]
                prompts: [ { text: "{{ q }}" } ]
                tests: [ { id: t1, vars: { q: hi } } ]
            """;
        suite += "\n";
        var plain = folder.Write("plain.yml", Targets + "\nsuites:\n" + suite);
        var bar = folder.Write(
            "bar.yml",
            Targets + "\nsuites:\n" + suite + "    grader_labels: { file: labels.jsonl, min_agreement: 0.7 }\n");
        var defaulted = folder.Write(
            "default.yml", Targets + "\nsuites:\n" + suite + "    grader_labels: { file: labels.jsonl }\n");

        var without = ConfigLoader.Load(plain).Suites.Single();
        var with = ConfigLoader.Load(bar).Suites.Single();
        var settings = with.GraderLabels!;

        Assert.Null(without.GraderLabels);
        Assert.Equal(0.7, settings.MinAgreement);
        Assert.Equal(System.IO.Path.Combine(folder.Path, "labels.jsonl"), settings.Path);
        Assert.Equal(
            [new GraderLabel("t1", true), new GraderLabel("t2", false), new GraderLabel("t2", true) { Assertion = 1 }],
            settings.Labels);
        Assert.Equal(0.8, ConfigLoader.Load(defaulted).Suites.Single().GraderLabels!.MinAgreement);
        Assert.Equal(without.DefinitionHash, with.DefinitionHash);
        var record = GraderLabelsRecord.Of(settings)!;
        var json = System.Text.Json.JsonSerializer.Serialize(record, ResultsJson.Options);
        Assert.Contains("\"assertion\": 1", json, StringComparison.Ordinal);
        Assert.Contains("\"min_agreement\": 0.7", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grader_labels: { file: nowhere.jsonl }", "CIGATE0101",
        "grader label file 'nowhere.jsonl' not found", "cigate.yml", 10, 28)]
    [InlineData("grader_labels: { file: labels.jsonl, min_agreement: 1.2 }", "CIGATE0005",
        "'suites.s.grader_labels.min_agreement' must be between 0 and 1, not 1.2", "cigate.yml", 10, 57)]
    [InlineData("grader_labels: { min_agreement: 0.8 }", "CIGATE0004",
        "'suites.s.grader_labels' needs 'file:'", "cigate.yml", 10, 20)]
    [InlineData("grader_labels: { file: labels.jsonl, bar: 0.8 }", "CIGATE0002", "bar", "cigate.yml", 10, 42)]
    [InlineData("grader_labels: { file: bad.jsonl }", "CIGATE0102",
        "'pass' must be true or false", "bad.jsonl", 2, 1)]
    [InlineData("grader_labels: { file: twice.jsonl }", "CIGATE0102",
        "case 't1' is labelled twice", "twice.jsonl", 3, 1)]
    [InlineData("grader_labels: { file: index.jsonl }", "CIGATE0102",
        "'assertion' must be an index", "index.jsonl", 1, 1)]
    [InlineData("grader_labels: { file: notjson.jsonl }", "CIGATE0102", "invalid JSON", "notjson.jsonl", 1, 1)]
    [InlineData("grader_labels: { file: empty.jsonl }", "CIGATE0104", "holds no labels", "empty.jsonl", 0, 0)]
    public void A_bad_setting_or_label_is_reported_at_its_place(
        string line, string code, string message, string file, int row, int column)
    {
        folder.Write("labels.jsonl", "{\"id\": \"t1\", \"pass\": true}\n");
        folder.Write("bad.jsonl", "{\"id\": \"t1\", \"pass\": true}\n{\"id\": \"t2\", \"pass\": \"yes\"}\n");
        folder.Write("twice.jsonl", "{\"id\": \"t1\", \"pass\": true}\n"
            + "{\"id\": \"t1\", \"pass\": true, \"assertion\": 0}\n{\"id\": \"t1\", \"pass\": false}\n");
        folder.Write("index.jsonl", "{\"id\": \"t1\", \"pass\": true, \"assertion\": -1}\n");
        folder.Write("notjson.jsonl", "id: t1\n");
        folder.Write("empty.jsonl", "\n");
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
        Assert.Equal(
            (System.IO.Path.Combine(folder.Path, file), row, column),
            (diagnostic.File, diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void Only_a_prompt_suite_has_model_graded_assertions_to_check()
    {
        folder.Write("labels.jsonl", "{\"id\": \"t1\", \"pass\": true}\n");
        var path = folder.Write("cigate.yml", Targets + """

            suites:
              load:
                kind: perf
                targets: [bot]
                grader_labels: { file: labels.jsonl }
            """);

        var error = Assert.Throws<CiGateException>(() => ConfigLoader.Load(path));

        var diagnostic = Assert.Single(
            error.Diagnostics, d => d.Message.Contains("grader_labels", StringComparison.Ordinal));
        Assert.Equal(DiagnosticCodes.InvalidValue, diagnostic.Code);
        Assert.Contains("only prompts suites have, not a perf suite", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal((8, 20), (diagnostic.Line, diagnostic.Column));
    }
}
