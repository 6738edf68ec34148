using CiGate.Core.Config;
using CiGate.Core.Suites.Prompts;
using CiGate.Core.Suites.Prompts.Import;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Suites.Prompts.Import;

/// <summary>
/// The import reads promptfoo's test files as promptfoo does (src/util/testCaseReader.ts, src/csv.ts):
/// __expected columns are assertions, tests: file:// globs mix CSV, YAML and JSONL, file:// vars are
/// loaded, transforms are refused; whatever it cannot carry over is marked dropped.
/// </summary>
public sealed class PromptfooTestFilesTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Expected_columns_become_the_cases_assertions()
    {
        folder.Write("cases.csv", """
            question,__expected,__expected1,__expected2,__description,__metric,__threshold,__config:__expected3:threshold
            Capital of France?,icontains: paris,"contains-any: Paris, France",similar(0.9):The capital is Paris,france,geo,0.5,0.7
            Two plus two?,4,not-contains: five,,sum,,,
            """);
        var (result, suite) = Import("""
            prompts: ["{{ question }}"]
            providers: [openai:gpt-4o-mini]
            tests: file://cases.csv
            """);

        Assert.DoesNotContain(result.Warnings, w => w.Dropped);
        Assert.DoesNotContain("tests_file", result.Yaml, StringComparison.Ordinal);
        var france = suite.Tests.Single(t => t.Description == "france");
        Assert.Equal(["icontains", "contains-any", "similar"], france.Assertions.Select(a => a.Type));
        Assert.Equal(0.5, france.Threshold);
        Assert.Equal("Capital of France?", france.Vars["question"]);
        Assert.False(france.Vars.ContainsKey("__expected"));
        Assert.Contains(france.AssertionSources, s => s.Contains("0.7", StringComparison.Ordinal) && s.Contains("similar", StringComparison.Ordinal));
        Assert.All(france.AssertionSources, s => Assert.Contains("geo", s, StringComparison.Ordinal));
        var sum = suite.Tests.Single(t => t.Description == "sum");
        Assert.Equal(["equals", "not-contains"], sum.Assertions.Select(a => a.Type)); // a plain cell is equals; an empty one is skipped
        Assert.Null(sum.Threshold);
    }

    [Fact]
    public void An_expected_cell_of_a_type_cigate_lacks_is_refused_never_read_as_equals()
    {
        // promptfoo reads "rouge-n: ..." as a rouge-n assertion; taking it for equals would test something else.
        folder.Write("cases.csv", "question,__expected\nQ1,rouge-n: the reference\nQ2,fn: output.includes('x')\nQ3,not-icontains: sorry\nQ4,Paris: the capital\n");
        var (result, suite) = Import("""
            prompts: ["{{ question }}"]
            providers: [openai:gpt-4o-mini]
            tests: file://cases.csv
            """);

        var dropped = result.Warnings.Where(w => w.Dropped).ToList();
        Assert.Equal([2, 3], dropped.Select(w => w.Line));
        Assert.Contains("'rouge-n'", dropped[0].Message, StringComparison.Ordinal);
        Assert.Contains("'javascript'", dropped[1].Message, StringComparison.Ordinal);
        Assert.Equal(["not-icontains"], suite.Tests[2].Assertions.Select(a => a.Type));
        Assert.Equal(["equals"], suite.Tests[3].Assertions.Select(a => a.Type)); // no known type before the colon
    }

    [Fact]
    public void A_tests_glob_reads_yaml_csv_and_jsonl_files()
    {
        folder.Write("tests/a.yaml", """
            - description: from yaml
              vars: { question: "Capital of Italy?" }
              assert: [ { type: contains, value: Rome } ]
            """);
        folder.Write("tests/b.csv", "question,__expected\nCapital of Spain?,contains: Madrid\n");
        folder.Write("tests/c.jsonl", """
            {"description": "from jsonl", "vars": {"question": "Capital of Japan?"}, "assert": [{"type": "icontains", "value": "tokyo"}]}

            """);
        folder.Write("tests/skip.txt", "not a tests file");
        var (result, suite) = Import("""
            prompts: ["{{ question }}"]
            providers: [openai:gpt-4o-mini]
            tests:
              - file://tests/*.yaml
              - file://tests/*.csv
              - file://tests/**/*.jsonl
            """);

        Assert.DoesNotContain(result.Warnings, w => w.Dropped);
        Assert.Equal(new string?[] { "from yaml", null, "from jsonl" }, suite.Tests.Select(t => t.Description));
        Assert.Equal(["Capital of Italy?", "Capital of Spain?", "Capital of Japan?"], suite.Tests.Select(t => t.Vars["question"]?.ToString()));
        Assert.All(suite.Tests, t => Assert.Single(t.Assertions));
    }

    [Fact]
    public void File_vars_are_loaded_and_code_vars_are_dropped()
    {
        folder.Write("vars/context.txt", "Paris is the capital of France.\n\n");
        folder.Write("vars/facts.yaml", "capital: Paris\nriver: Seine\n");
        var (result, suite) = Import("""
            prompts: ["{{ context }} {{ facts }} {{ question }}"]
            providers: [openai:gpt-4o-mini]
            tests:
              - description: loaded
                vars: { context: file://vars/context.txt, facts: file://vars/facts.yaml, question: "Capital?" }
                assert: [ { type: contains, value: Paris } ]
              - description: code
                vars: { context: file://vars/make.py, facts: x, question: y }
                assert: [ { type: contains, value: Paris } ]
            """);

        var loaded = suite.Tests.Single(t => t.Description == "loaded");
        Assert.Equal("Paris is the capital of France.", loaded.Vars["context"]);
        Assert.Equal("""{"capital":"Paris","river":"Seine"}""", loaded.Vars["facts"]);
        var dropped = Assert.Single(result.Warnings, w => w.Dropped);
        Assert.Contains("file://vars/make.py", dropped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transforms_and_code_expectations_are_refused_and_listed_at_the_top()
    {
        folder.Write("cases.csv", "question,__expected\nQ1,javascript: output.length < 10\nQ2,contains: ok\n");
        var (result, _) = Import("""
            prompts: ["{{ question }}"]
            providers: [openai:gpt-4o-mini]
            defaultTest:
              options: { transform: output.trim() }
            tests:
              - file://cases.csv
              - vars: { question: Q3 }
                assert: [ { type: contains, value: ok, transform: output.toUpperCase() } ]
            """);

        var dropped = result.Warnings.Where(w => w.Dropped).ToList();
        Assert.Equal(3, dropped.Count);
        Assert.Contains(dropped, w => w.Message.Contains("options.transform is refused", StringComparison.Ordinal));
        Assert.Contains(dropped, w => w.Message.Contains("assertion's transform is refused", StringComparison.Ordinal));
        var javascript = Assert.Single(dropped, w => w.Message.Contains("'javascript'", StringComparison.Ordinal));
        Assert.EndsWith("cases.csv", javascript.File, StringComparison.Ordinal);
        Assert.Equal(2, javascript.Line);
        var header = result.Yaml.Split('\n').TakeWhile(l => l.StartsWith('#')).ToList();
        Assert.Contains(header, l => l.StartsWith("# DROPPED: 3 thing(s)", StringComparison.Ordinal));
        Assert.Contains(header, l => l.Contains("cases.csv line 2", StringComparison.Ordinal) && l.Contains("javascript", StringComparison.Ordinal));
    }

    [Fact]
    public void A_weight_zero_assertion_and_a_test_threshold_are_kept()
    {
        var (result, suite) = Import("""
            prompts: ["{{ question }}"]
            providers: [openai:gpt-4o-mini]
            tests:
              - vars: { question: Q }
                threshold: 0.6
                assert:
                  - { type: contains, value: a, weight: 0 }
                  - { type: contains, value: b, weight: 3 }
            """);

        Assert.DoesNotContain(result.Warnings, w => w.Dropped);
        var test = Assert.Single(suite.Tests);
        Assert.Equal(0.6, test.Threshold);
        Assert.Equal(2, test.Assertions.Count);
    }

    private (ImportResult Result, PromptsSuite Suite) Import(string promptfoo)
    {
        var source = folder.Write("promptfooconfig.yaml", promptfoo);
        var output = Path.Combine(folder.Path, "out", "cigate.yml");
        var result = PromptfooImporter.Convert(source, output);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.WriteAllText(output, result.Yaml);
        return (result, Assert.IsType<PromptsSuite>(Assert.Single(ConfigLoader.Load(output).Suites)));
    }
}
