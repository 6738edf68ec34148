using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Running;
using CiGate.Core.Suites.Prompts;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Suites.Prompts;

public sealed class PromptsConfigTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Editing_an_assertion_keeps_the_case_id_and_changing_vars_does_not()
    {
        var before = Load(Suite("assert: [ { type: icontains, value: Paris } ]", "vars: { q: capital }"));
        var edited = Load(Suite("assert: [ { type: equals, value: Paris } ]", "vars: { q: capital }"));
        var otherVars = Load(Suite("assert: [ { type: icontains, value: Paris } ]", "vars: { q: capital city }"));

        Assert.Equal(before.Tests[0].Id, edited.Tests[0].Id);
        Assert.NotEqual(before.Tests[0].Id, otherVars.Tests[0].Id);
        Assert.StartsWith("asks-for-the-capital-", before.Tests[0].Id, StringComparison.Ordinal);
        Assert.NotEqual(before.DefinitionHash, edited.DefinitionHash); // the edit is still a visible change
    }

    /// <summary>
    /// A <c>file://</c> var is the file's text, trimmed; the id derives from the reference, so editing the
    /// file keeps the case's id and changes its definition. The file and a schema the case names are its files;
    /// a code file stays text; a missing file is a placed error.
    /// </summary>
    [Fact]
    public void File_vars_are_read_and_counted_as_the_case_inputs_with_its_declared_globs()
    {
        folder.Write("q.txt", "  What is the capital of France?\n\n");
        folder.Write("schema.json", """{ "type": "object" }""");
        var config = """
            targets: { t: { base_url: "http://127.0.0.1:9/v1", model: m } }
            suites:
              s:
                kind: prompts
                prompts: [ { id: p, text: "Q: {{ q }}" } ]
                tests:
                  - vars: { q: file://q.txt, code: file://make.py }
                    inputs: [docs/**]
                    assert: [ { type: is-json, value: file://schema.json } ]
            """;
        var suite = (PromptsSuite)ConfigLoader.Load(folder.Write("cigate.yml", config)).Suites.Single();
        folder.Write("q.txt", "What is the capital of Italy?");
        var edited = (PromptsSuite)ConfigLoader.Load(folder.Write("cigate.yml", config)).Suites.Single();

        var test = suite.Tests.Single();
        Assert.Equal("What is the capital of France?", test.Vars["q"]);
        Assert.Equal("file://make.py", test.Vars["code"]);
        Assert.Equal(["docs/**"], test.Inputs);
        Assert.Equal([Path.Combine(folder.Path, "q.txt"), Path.Combine(folder.Path, "schema.json")], test.Files);
        Assert.Equal(test.Id, edited.Tests.Single().Id);
        Assert.NotEqual(suite.DefinitionHash, edited.DefinitionHash);

        var error = Assert.Throws<CiGateException>(() => ConfigLoader.Load(folder.Write(
            "cigate.yml", config.Replace("file://q.txt", "file://nowhere.txt", StringComparison.Ordinal))));
        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(DiagnosticCodes.TemplateNotFound, diagnostic.Code);
        Assert.Contains("var 'q': file 'nowhere.txt' not found", diagnostic.Message, StringComparison.Ordinal);
        Assert.True(diagnostic.Line > 0 && diagnostic.Column > 0);
    }

    [Fact]
    public void Vars_come_from_a_csv_file_and_chat_prompts_from_yaml()
    {
        folder.Write("cases.csv", "description,city\nfirst,Paris\nsecond,Rome\n");
        folder.Write("chat.yaml", "- { role: system, content: You are terse. }\n- { role: user, content: \"Tell me about {{ city }}\" }\n");
        var path = folder.Write("cigate.yml", """
            targets: { t: { base_url: "http://127.0.0.1:9/v1", model: m } }
            suites:
              s:
                kind: prompts
                prompts: [ chat.yaml ]
                default_test: { assert: [ { type: contains, value: "{{ city }}" } ] }
                tests_file: cases.csv
            """);

        var plan = PlanBuilder.Build(ConfigLoader.Load(path)).Single();
        var suite = (PromptsSuite)plan.Suite;

        Assert.Equal(2, suite.Tests.Count);
        Assert.Equal("Rome", suite.Tests[1].Vars["city"]);
        Assert.Equal(["system", "user"], suite.Prompts[0].Messages.Select(m => m.Role));
        plan.Preview(); // renders every case's messages without a model call
    }

    [Fact]
    public void Code_hooks_are_refused_so_a_pull_request_cannot_run_code_with_the_key()
    {
        var error = Assert.Throws<CiGateException>(() => Load(Suite("assert: [ { type: javascript, value: \"output.length > 3\" } ]", "vars: { q: x }")));

        Assert.Contains(error.Diagnostics, d => d.Message.Contains("run no code", StringComparison.Ordinal));
    }

    [Fact]
    public void Pass_at_least_cannot_exceed_repeats()
    {
        var error = Assert.Throws<CiGateException>(() => Load(Suite("assert: [ { type: contains, value: a } ]", "vars: { q: x }", "generation: { repeats: 2, pass_at_least: 3 }")));

        Assert.Contains(error.Diagnostics, d => d.Code == DiagnosticCodes.InvalidValue && d.Message.Contains("pass_at_least", StringComparison.Ordinal));
    }

    private PromptsSuite Load(string yaml) => (PromptsSuite)ConfigLoader.Load(folder.Write("cigate.yml", yaml)).Suites.Single();

    private static string Suite(string assert, string vars, string extra = "") => $$$"""
        targets: { t: { base_url: "http://127.0.0.1:9/v1", model: m } }
        suites:
          s:
            kind: prompts
            prompts: [ { id: p, text: "Q: {{ q }}" } ]
            tests:
              - description: asks for the capital
                {{{vars}}}
                {{{assert}}}
            {{{extra}}}
        """;
}
