using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Prompts.Assertions;
using CiGate.Core.Suites.Shared;
using CiGate.Core.Templating;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Prompts;

/// <summary>Reads a `kind: prompts` suite (promptfoo's shape: prompts, tests with vars and assert, default_test).</summary>
internal static class PromptsSuiteReader
{
    public static PromptsSuite? Read(SuiteHeader header, MapReader map, string baseDirectory)
    {
        var prompts = ReadPrompts(map, baseDirectory);
        var defaults = map.Map("default_test");
        var defaultVars = defaults is null ? [] : YamlValues.Vars(defaults.Map("vars"));
        var defaultAsserts = defaults is null ? [] : AssertionReader.ReadList(defaults.Sequence("assert"), map.Context, $"{defaults.Section}.assert", baseDirectory, header.Defined) ?? [];
        var defaultSources = defaults?.Sequence("assert") is { } s ? YamlValues.Sources(s) : [];
        defaults?.Finish();

        var surface = RequestSurfaceReader.Read(map.Map("request"), baseDirectory);
        var tests = new List<TestCase>();
        ReadInlineTests(map, baseDirectory, header.Defined, defaultVars, defaultAsserts, defaultSources, tests);
        ReadTestsFile(map, baseDirectory, defaultVars, defaultAsserts, defaultSources, tests);
        var generation = map.Map("generation");
        var (maxTokens, stop, temperature, repeats) = Shared.GenerationReader.Read(generation, 1024);
        var passAtLeast = generation?.Int("pass_at_least", 1, 1000) ?? repeats;
        if (passAtLeast > repeats)
        {
            map.Context.Report(DiagnosticCodes.InvalidValue, generation!.Get("pass_at_least")!, $"'pass_at_least' ({passAtLeast}) is more than 'repeats' ({repeats})");
        }

        generation?.Finish();
        var grader = ReadGrader(header, map, tests);
        var judgePrompt = map.Get("judge_prompt") is { } judgeNode ? ReadJudgePrompt(judgeNode, map, baseDirectory) : null;
        map.Finish();
        foreach (var duplicate in tests.GroupBy(t => t.Id).Where(g => g.Count() > 1))
        {
            map.Context.Report(DiagnosticCodes.DuplicateName, map.Node, $"two test cases share the id '{duplicate.Key}'; give one an explicit 'id' or a different description");
        }

        if (tests.Count == 0)
        {
            map.Context.Report(DiagnosticCodes.MissingKey, map.Node, $"'{map.Section}' has no test cases; add 'tests:' or 'tests_file:'");
        }

        return prompts is null || tests.Count == 0 ? null : new PromptsSuite(header.Name, header.Targets, prompts, tests, maxTokens, stop, temperature, repeats, passAtLeast)
        {
            Grader = grader,
            JudgePrompt = judgePrompt,
            Request = surface,
        };
    }

    /// <summary>`grader:`, or the one target with role: grader when model-graded assertions need one.</summary>
    private static string? ReadGrader(SuiteHeader header, MapReader map, List<TestCase> tests)
    {
        var declared = map.String("grader");
        if (declared is not null && !header.Defined.Contains(declared))
        {
            var hint = Suggest.Closest(declared, header.Defined);
            map.Context.Report(DiagnosticCodes.UnknownReference, map.Get("grader")!, $"'{map.Section}.grader' names target '{declared}', which is not defined{(hint is null ? "" : $"; did you mean '{hint}'?")}");
            return null;
        }

        var needing = tests.SelectMany(t => t.Assertions).Select(Assertions.CriticalAssertion.Unwrap).OfType<Grading.GradedAssertion>().Where(a => a.Grader is null).Select(a => a.Type).Distinct().ToList();
        if (declared is not null || needing.Count == 0)
        {
            return declared;
        }

        if (header.Graders.Count == 1)
        {
            return header.Graders[0];
        }

        var defined = header.Graders.Count == 0 ? "no target has role: grader" : $"several do: {string.Join(", ", header.Graders)}";
        map.Context.Report(DiagnosticCodes.MissingKey, map.Node, $"'{map.Section}' uses model-graded assertions ({string.Join(", ", needing)}) but names no grader; set 'grader:' to a target (with role: grader), {defined}");
        return null;
    }

    /// <summary>A file path (text, or a chat message list), or { text: ... } / { file: ... } like a prompt entry.</summary>
    private static SuitePrompt? ReadJudgePrompt(YamlNode node, MapReader map, string baseDirectory) =>
        node is YamlScalarNode { Value: { } path }
            ? PromptFiles.Read(path, "judge_prompt", node, map.Context, baseDirectory)
            : MapReader.From(node, map.Context, $"{map.Section}.judge_prompt") is { } entry ? PromptFiles.Read(entry, baseDirectory, 0) : null;

    private static List<SuitePrompt>? ReadPrompts(MapReader map, string baseDirectory)
    {
        var list = map.Sequence("prompts");
        if (list is null || list.Children.Count == 0)
        {
            map.Context.Report(DiagnosticCodes.MissingKey, map.Get("prompts") ?? map.Node, $"'{map.Section}' needs 'prompts:', a list of prompt files or texts");
            return null;
        }

        var prompts = new List<SuitePrompt>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var node = list.Children[i];
            var prompt = node is YamlScalarNode { Value: { } path }
                ? PromptFiles.Read(path, null, node, map.Context, baseDirectory)
                : MapReader.From(node, map.Context, $"{map.Section}.prompts[{i}]") is { } entry ? PromptFiles.Read(entry, baseDirectory, i) : null;
            if (prompt is not null)
            {
                prompts.Add(prompt);
            }
        }

        foreach (var duplicate in prompts.GroupBy(p => p.Id).Where(g => g.Count() > 1))
        {
            map.Context.Report(DiagnosticCodes.DuplicateName, list, $"two prompts share the id '{duplicate.Key}'; set 'id' on one of them");
        }

        return prompts.Count == list.Children.Count ? prompts : null;
    }

    private static void ReadInlineTests(MapReader map, string baseDirectory, IReadOnlyList<string> targets, Dictionary<string, object?> defaultVars, IReadOnlyList<IAssertion> defaultAsserts, IReadOnlyList<string> defaultSources, List<TestCase> tests)
    {
        var list = map.Sequence("tests");
        for (var i = 0; list is not null && i < list.Children.Count; i++)
        {
            var test = MapReader.From(list.Children[i], map.Context, $"{map.Section}.tests[{i}]");
            if (test is null)
            {
                continue;
            }

            var description = test.String("description");
            var vars = new Dictionary<string, object?>(defaultVars, StringComparer.Ordinal);
            foreach (var (name, value) in YamlValues.Vars(test.Map("vars")))
            {
                vars[name] = value;
            }

            var asserts = AssertionReader.ReadList(test.Sequence("assert"), map.Context, $"{test.Section}.assert", baseDirectory, targets);
            var sources = test.Sequence("assert") is { } s ? YamlValues.Sources(s) : [];
            var id = test.String("id") ?? CaseIds.Derive(description, vars);
            var threshold = test.Double("threshold", 0, 1);
            var critical = test.Bool("critical") ?? false;
            var unreviewed = test.Bool("unreviewed") ?? false;
            var request = RequestSurfaceReader.Read(test.Map("request"), baseDirectory);
            var inputs = Config.InputsReader.Read(test);
            var files = CaseFiles.LoadVars(vars, test.Get("vars") ?? test.Node, map.Context, baseDirectory);
            test.Finish();
            if (asserts is not null)
            {
                tests.Add(new TestCase(
                    id,
                    description,
                    vars,
                    [.. defaultAsserts, .. asserts],
                    [.. defaultSources, .. sources],
                    threshold,
                    critical)
                {
                    Request = request,
                    Unreviewed = unreviewed,
                    Inputs = inputs,
                    Files = [.. files, .. CaseFiles.OfAssertions([.. defaultSources, .. sources], baseDirectory)],
                });
            }
        }
    }

    private static void ReadTestsFile(MapReader map, string baseDirectory, Dictionary<string, object?> defaultVars, IReadOnlyList<IAssertion> defaultAsserts, IReadOnlyList<string> defaultSources, List<TestCase> tests)
    {
        if (map.String("tests_file") is not { } relative)
        {
            return;
        }

        foreach (var row in VarsFile.Read(relative, map.Get("tests_file")!, map.Context, baseDirectory))
        {
            var vars = new Dictionary<string, object?>(defaultVars, StringComparer.Ordinal);
            foreach (var (name, value) in row)
            {
                vars[name] = value;
            }

            var description = vars.TryGetValue("description", out var d) ? d as string : null;
            var id = vars.TryGetValue("id", out var declared) && declared is not null ? Datasets.JsonValues.ToText(declared) : CaseIds.Derive(description, vars);
            var files = CaseFiles.LoadVars(vars, map.Get("tests_file")!, map.Context, baseDirectory);
            tests.Add(new TestCase(id, description, vars, defaultAsserts, defaultSources, null)
            {
                Files = [.. files, .. CaseFiles.OfAssertions(defaultSources, baseDirectory)],
            });
        }
    }
}
