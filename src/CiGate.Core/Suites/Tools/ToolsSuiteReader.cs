using System.Text.Json.Nodes;
using CiGate.Core.Config;
using CiGate.Core.Datasets.Public;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Prompts;
using CiGate.Core.Suites.Prompts.Assertions;
using CiGate.Core.Suites.Shared;
using CiGate.Core.Suites.Tools.Bfcl;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// Reads a <c>kind: tools</c> suite: <c>tools</c> (OpenAI's format, each with an optional
/// <c>mock</c>), <c>state</c>, <c>system</c>, <c>max_steps</c>, <c>generation</c>, and either
/// <c>tests</c> (conversations) or <c>bfcl</c> (dataset, categories, limit).
/// </summary>
internal static class ToolsSuiteReader
{
    public static ToolsSuite? Read(SuiteHeader header, MapReader map, string baseDirectory)
    {
        var errors = map.Context.Diagnostics.Items.Count;
        var mode = ToolsMode.FunctionCalling;
        if (map.String("mode") is { } modeName)
        {
            if (modeName == "prompt")
            {
                mode = ToolsMode.Prompt;
            }
            else if (modeName != "function_calling")
            {
                map.Context.Report(
                    DiagnosticCodes.ToolsModeUnsupported,
                    map.Get("mode")!,
                    $"'{map.Section}.mode' is '{modeName}'; use function_calling (calls through the tools API) "
                    + "or prompt (calls written as text, [func(arg=value)])");
            }
        }

        var (tools, mocks) = ToolDeclarations.Read(map);
        var state = map.Get("state") is { } stateNode ? YamlJson.ToNode(stateNode) as JsonObject : null;
        if (map.Get("state") is { } s && state is null)
        {
            map.Context.Report(DiagnosticCodes.WrongType, s, $"'{map.Section}.state' must be a mapping");
        }

        var replay = ReadReplay(map, mocks, baseDirectory);
        var system = map.String("system");
        var maxSteps = map.Int("max_steps", 1, 100) ?? 8;
        var generation = map.Map("generation");
        var (maxTokens, _, temperature, repeats) = GenerationReader.Read(
            generation, 512, GenerationKeys.MaxTokens | GenerationKeys.Temperature | GenerationKeys.Repeats);
        generation?.Finish();
        var bfcl = ReadBfcl(map.Map("bfcl"), baseDirectory);
        var cases = ReadCases(map, baseDirectory, header, mocks.Keys.ToHashSet(StringComparer.Ordinal));
        if (bfcl is null && cases.Count == 0 && map.Get("bfcl") is null)
        {
            map.Context.Report(
                DiagnosticCodes.MissingKey, map.Node, $"'{map.Section}' has no test cases; add 'tests:' (or 'bfcl:')");
        }

        map.Finish();
        if (map.Context.Diagnostics.Items.Count > errors)
        {
            return null;
        }

        return new ToolsSuite(
            header.Name,
            header.Targets,
            tools,
            mocks,
            state ?? [],
            system,
            cases,
            bfcl,
            maxSteps,
            maxTokens,
            temperature,
            repeats)
        {
            Gate = header.Gate,
            Replay = replay,
            Mode = mode,
        };
    }

    /// <summary>
    /// <c>replay: FILE</c> (relative to the config): the recorded calls of the live tools. Required
    /// when a tool is live; an absent file is empty (every call of a live tool is then unrecorded).
    /// </summary>
    private static ToolReplay? ReadReplay(MapReader map, Dictionary<string, ToolMock> mocks, string baseDirectory)
    {
        var path = map.String("replay");
        var live = mocks.Values.FirstOrDefault(m => m.Live is not null);
        if (path is null)
        {
            if (live is not null)
            {
                map.Context.Report(
                    DiagnosticCodes.ToolMockInvalid,
                    map.Node,
                    $"'{map.Section}': the tool '{live.Name}' is live, so the suite needs 'replay: FILE' "
                    + "(its recorded calls; record them with cigate run --record-tools)");
            }

            return null;
        }

        var replay = ToolReplay.Open(Path.GetFullPath(Path.Combine(baseDirectory, path)), path, out var problem);
        if (problem is not null)
        {
            map.Context.Report(
                DiagnosticCodes.ToolMockInvalid, map.Get("replay")!, $"'{map.Section}.replay': {problem}");
        }

        return replay;
    }

    private static BfclSpec? ReadBfcl(MapReader? map, string baseDirectory)
    {
        if (map is null)
        {
            return null;
        }

        var path = map.String("dataset", required: true);
        var names = map.Strings("categories") ?? [.. BfclCategories.All.Select(c => c.Name())];
        var limit = map.Int("limit", 1);
        var categories = new List<BfclCategory>();
        foreach (var name in names)
        {
            if (BfclCategories.Parse(name) is { } category)
            {
                categories.Add(category);
            }
            else
            {
                var known = string.Join(", ", BfclCategories.All.Select(c => c.Name()));
                map.Context.Report(
                    DiagnosticCodes.InvalidValue,
                    map.Get("categories")!,
                    $"'{map.Section}.categories': unknown category '{name}'; known: {known}");
            }
        }

        map.Finish();
        if (path is null)
        {
            return null;
        }

        var folder = Path.GetFullPath(Path.Combine(baseDirectory, path));
        var missing = categories.Where(c => !File.Exists(BfclDataset.QuestionFile(folder, c))).ToList();
        if (missing.Count > 0)
        {
            map.Context.Report(
                DiagnosticCodes.ToolsBfclDatasetMissing,
                map.Get("dataset")!,
                $"'{map.Section}.dataset': {BfclDataset.QuestionFile(folder, missing[0])} not found"
                + PublicDatasets.FetchHint(path));
            return null;
        }

        return new BfclSpec(path, folder, categories, limit);
    }

    private static List<ToolCase> ReadCases(
        MapReader map, string baseDirectory, SuiteHeader header, HashSet<string> tools)
    {
        var cases = new List<ToolCase>();
        var list = map.Sequence("tests");
        for (var i = 0; list is not null && i < list.Children.Count; i++)
        {
            if (MapReader.From(list.Children[i], map.Context, $"{map.Section}.tests[{i}]") is not { } entry)
            {
                continue;
            }

            var description = entry.String("description");
            var id = entry.String("id") ?? description ?? $"case-{i + 1}";
            var turns = entry.Strings("turns") ?? entry.Strings("user") ?? [];
            if (turns.Count == 0)
            {
                map.Context.Report(
                    DiagnosticCodes.MissingKey, entry.Node, $"'{entry.Section}' needs 'turns:' (the user's messages)");
            }

            var expect = TrajectoryReader.Read(entry.Map("expect"), tools);
            var asserts = entry.Sequence("assert");
            var assertions = AssertionReader.ReadList(
                asserts, map.Context, $"{entry.Section}.assert", baseDirectory, header.Defined) ?? [];
            var sources = asserts is null ? [] : YamlValues.Sources(asserts);
            entry.Finish();
            cases.Add(new ToolCase(id, description, turns, expect, assertions, sources));
        }

        foreach (var duplicate in cases.GroupBy(c => c.Id).Where(g => g.Count() > 1))
        {
            map.Context.Report(DiagnosticCodes.DuplicateName, list!, $"two test cases share the id '{duplicate.Key}'");
        }

        return cases;
    }
}
