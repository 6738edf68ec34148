using System.Globalization;
using System.IO.Enumeration;
using CiGate.Core.Datasets;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Accuracy;
using CiGate.Core.Suites.Prompts.Assertions;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Prompts.Import;

/// <summary>
/// promptfoo tests and defaultTest → CiGate tests, tests_file and default_test: description,
/// vars, assert and threshold are kept. <c>tests: file://...</c> entries are read as promptfoo
/// reads them (src/util/testCaseReader.ts): a glob of CSV files (one case per row, <c>__expected</c>
/// columns are assertions), YAML and JSON files (lists of test cases) and JSONL files (one test case
/// per line), and their cases are written inline. A plain CSV without promptfoo's special columns
/// stays a <c>tests_file</c>. <c>file://</c> vars are loaded, as promptfoo loads them when it renders.
/// </summary>
internal static class TestConverter
{
    private static readonly string[] CodeExtensions = [".js", ".cjs", ".mjs", ".ts", ".py", ".rb"];

    // promptfoo sends these as base64 (images, video) or extracted text (PDF), not as the file's text.
    private static readonly string[] MediaExtensions = [".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".svg", ".mp4", ".webm", ".ogg", ".mov", ".avi", ".wmv", ".mkv", ".m4v", ".pdf"];

    /// <summary>Suite-level lines (at 4 spaces) for <c>default_test</c>, <c>tests</c> and <c>tests_file</c>.</summary>
    public static List<string> Convert(YamlNode? defaultTest, YamlNode? tests, ImportContext context)
    {
        var lines = new List<string>();
        if (defaultTest is YamlMappingNode defaults)
        {
            var body = Test(defaults, 6, ["vars", "assert"], context);
            lines.Add(body.Count == 0 ? "    default_test: {}" : "    default_test:");
            lines.AddRange(body);
        }
        else if (defaultTest is not null)
        {
            context.Drop(defaultTest, "'defaultTest' must be a mapping to be converted (file:// defaults are not read); it was not converted");
        }

        IEnumerable<YamlNode> items = tests switch
        {
            YamlSequenceNode list => list.Children,
            null => [],
            _ => [tests],
        };
        var inline = new List<string>();
        string? testsFile = null;
        foreach (var item in items)
        {
            if (item is YamlScalarNode { Value: { } text } && ImportContext.FileReference(text) is { } file)
            {
                if (testsFile is null && IsPlainCsv(file, context))
                {
                    testsFile = context.Relative(file);
                    continue;
                }

                foreach (var (source, line, test) in TestsFromFiles(file, item, context))
                {
                    (context.CurrentFile, context.CurrentLine) = (source, line);
                    Inline(inline, test, context);
                    (context.CurrentFile, context.CurrentLine) = (context.SourcePath, null);
                }
            }
            else if (item is YamlMappingNode map)
            {
                Inline(inline, map, context);
            }
            else
            {
                context.Drop(item, "a test must be a mapping or a file:// reference; it was not converted");
            }
        }

        if (inline.Count > 0)
        {
            lines.Add("    tests:");
            lines.AddRange(inline);
        }

        if (testsFile is not null)
        {
            lines.Add($"    tests_file: {YamlEmitter.Text(testsFile)}");
        }

        if (inline.Count == 0 && testsFile is null)
        {
            context.Drop(tests, "no test case could be converted; add 'tests:' before running");
        }

        return lines;
    }

    private static void Inline(List<string> inline, YamlMappingNode map, ImportContext context)
    {
        var body = Test(map, 8, ["description", "vars", "assert", "threshold"], context);
        if (body.Count == 0)
        {
            inline.Add("      - {}");
            return;
        }

        body[0] = $"      - {body[0][8..]}";
        inline.AddRange(body);
    }

    private static List<string> Test(YamlMappingNode map, int indent, string[] kept, ImportContext context)
    {
        var lines = new List<string>();
        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (key == "options" && value is YamlMappingNode options)
            {
                Options(options, context);
            }
            else if (key == "metadata")
            {
                context.Warn(keyNode, "test key 'metadata' is not converted (it labels results, it does not change what is tested)");
            }
            else if (!kept.Contains(key))
            {
                context.Drop(keyNode, $"test key '{key}' is not converted (CiGate test cases take {string.Join(", ", kept)})");
            }
            else if (key == "assert")
            {
                Asserts(lines, value, indent, context);
            }
            else if (key == "vars")
            {
                YamlEmitter.Entry(lines, key, Vars(value, context), indent);
            }
            else
            {
                YamlEmitter.Entry(lines, key, value, indent);
            }
        }

        return lines;
    }

    private static void Options(YamlMappingNode options, ImportContext context)
    {
        foreach (var (keyNode, _) in options.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            context.Drop(keyNode, key is "transform" or "postprocess"
                ? $"the test's options.{key} is refused: it runs JavaScript on the output before the assertions, and suites run no code; the assertions would check the untransformed output"
                : $"test option '{key}' is not converted (prefix/suffix: write them into the prompt; provider, rubricPrompt: set the suite's grader and judge_prompt)");
        }
    }

    private static void Asserts(List<string> lines, YamlNode value, int indent, ImportContext context)
    {
        if (value is not YamlSequenceNode list)
        {
            context.Drop(value, "'assert' must be a list to be converted; it was not converted");
            return;
        }

        var converted = list.Children.Select(item => AssertionConverter.Convert(item, indent + 2, context)).ToList();
        // A list of comments only would read as null: keep an explicit empty list.
        lines.Add($"{YamlEmitter.Pad(indent)}assert:{(converted.Any(c => c.Active) ? "" : " []")}");
        lines.AddRange(converted.SelectMany(c => c.Lines));
    }

    /// <summary>The vars with every <c>file://</c> value replaced by what promptfoo's renderPrompt passes: the file's trimmed text, YAML as JSON.</summary>
    private static YamlNode Vars(YamlNode vars, ImportContext context)
    {
        if (vars is not YamlMappingNode map)
        {
            context.Drop(vars, "'vars' must be a mapping to be converted (promptfoo's vars: file://... globs are not read)");
            return new YamlMappingNode();
        }

        var loaded = new YamlMappingNode();
        foreach (var (key, value) in map.Children)
        {
            if (value is YamlSequenceNode)
            {
                context.Drop(key, $"var '{key}' is a list: promptfoo runs one case per item, CiGate passes the whole list as one var; write one case per item");
            }

            loaded.Add(key, value is YamlScalarNode { Value: { } text } scalar && ImportContext.FileReference(text) is { } file
                ? LoadVar(file, scalar, context)
                : value);
        }

        return loaded;
    }

    private static YamlNode LoadVar(string file, YamlScalarNode node, ImportContext context)
    {
        var extension = Path.GetExtension(file).ToLowerInvariant();
        // promptfoo resolves var files when it renders, against the config's folder (cliState.basePath), even for a tests file's cases.
        var fullPath = context.FullPath(file);
        if (CodeExtensions.Contains(extension))
        {
            context.Drop(node, $"var 'file://{file}' runs code in promptfoo; suites run no code, so it is passed as the text 'file://{file}'");
            return node;
        }

        if (!File.Exists(fullPath))
        {
            context.Drop(node, $"var file '{file}' does not exist (looked in {fullPath}); it is passed as the text 'file://{file}'");
            return node;
        }

        var text = File.ReadAllText(fullPath);
        if (MediaExtensions.Contains(extension) || text.Contains('\0', StringComparison.Ordinal))
        {
            context.Drop(node, $"var file '{file}' is binary (an image, a PDF, audio); CiGate passes text vars only");
            return node;
        }

        if (extension is ".yaml" or ".yml")
        {
            // promptfoo renders a YAML var file as JSON.stringify(yaml.load(text)).
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            text = stream.Documents.Count == 0 ? "null" : YamlJson.ToNode(stream.Documents[0].RootNode)?.ToJsonString() ?? "null";
        }
        else
        {
            // promptfoo's renderPrompt: fs.readFileSync(path, 'utf8').trim().
            text = text.Trim();
        }

        return new YamlScalarNode(text) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };
    }

    private static bool IsPlainCsv(string file, ImportContext context)
    {
        var fullPath = context.FullPath(file);
        return file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !HasWildcard(file) && File.Exists(fullPath)
            && File.ReadLines(fullPath).FirstOrDefault() is { } header
            && !header.Split(',').Any(c => c.Trim().Trim('"').StartsWith("__", StringComparison.Ordinal))
            && !File.ReadAllText(fullPath).Contains("file://", StringComparison.Ordinal);
    }

    /// <summary>promptfoo's loadTestsFromGlob: every file the glob matches, read by its extension.</summary>
    private static IEnumerable<(string File, int? Line, YamlMappingNode Test)> TestsFromFiles(string pattern, YamlNode node, ImportContext context)
    {
        var files = Glob(context.SourceDirectory, pattern);
        if (files.Count == 0)
        {
            context.Drop(node, $"tests 'file://{pattern}' matches no file (looked in {context.SourceDirectory})");
        }

        foreach (var file in files)
        {
            var extension = Path.GetExtension(file).ToLowerInvariant();
            var tests = extension switch
            {
                ".csv" => CsvTests(file, node, context),
                ".yaml" or ".yml" or ".json" => DocumentTests(file, node, context).Select(t => ((int?)null, t)).ToList(),
                ".jsonl" => JsonlTests(file, node, context),
                _ => null,
            };
            if (tests is null)
            {
                context.Drop(node, $"tests file '{Path.GetRelativePath(context.SourceDirectory, file)}' is not converted: CiGate reads test cases from .csv, .yaml, .json and .jsonl files (suites run no code)");
                continue;
            }

            foreach (var (line, test) in tests)
            {
                yield return (file, line, test);
            }
        }
    }

    private static List<YamlMappingNode> DocumentTests(string file, YamlNode node, ImportContext context)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(file)));
        }
        catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or InvalidOperationException)
        {
            context.Drop(node, $"tests file '{Path.GetFileName(file)}' is not valid YAML or JSON: {(ex.InnerException ?? ex).Message.ReplaceLineEndings(" ")}");
            return [];
        }

        if (stream.Documents.FirstOrDefault()?.RootNode is not { } root)
        {
            return [];
        }

        IEnumerable<YamlNode> items = root is YamlSequenceNode list ? list.Children : [root];
        var tests = new List<YamlMappingNode>();
        foreach (var item in items)
        {
            if (item is YamlMappingNode map)
            {
                tests.Add(map);
            }
            else
            {
                context.CurrentFile = file;
                context.Drop(item, "a test must be a mapping; it was not converted");
                context.CurrentFile = context.SourcePath;
            }
        }

        return tests;
    }

    private static List<(int?, YamlMappingNode)> JsonlTests(string file, YamlNode node, ImportContext context)
    {
        var tests = new List<(int?, YamlMappingNode)>();
        var number = 0;
        foreach (var line in File.ReadLines(file))
        {
            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(line));
            }
            catch (YamlDotNet.Core.YamlException)
            {
                context.Drop(node, $"{Path.GetFileName(file)} line {number} is not a JSON object; it was not converted");
                continue;
            }

            if (stream.Documents.FirstOrDefault()?.RootNode is YamlMappingNode map)
            {
                tests.Add((number, map));
            }
            else
            {
                context.Drop(node, $"{Path.GetFileName(file)} line {number} is not a test case object; it was not converted");
            }
        }

        return tests;
    }

    /// <summary>promptfoo's testCaseFromCsvRow (src/csv.ts): special columns become assertions, description, metric and threshold.</summary>
    private static List<(int?, YamlMappingNode)> CsvTests(string file, YamlNode node, ImportContext context)
    {
        IReadOnlyList<DatasetItem> rows;
        try
        {
            var spec = new DatasetSpec(file, DatasetFormat.Csv, null, new Dictionary<string, string>(), new Dictionary<string, IReadOnlyList<string>>(), null, SampleMode.First, 0);
            rows = DatasetLoader.Load(spec, []).Items;
        }
        catch (CiGateException ex)
        {
            context.Drop(node, $"tests file '{Path.GetFileName(file)}' could not be read: {ex.Diagnostics.FirstOrDefault()?.Message}");
            return [];
        }

        var tests = new List<(int?, YamlMappingNode)>();
        foreach (var row in rows)
        {
            context.CurrentFile = file;
            context.CurrentLine = row.Line;
            tests.Add((row.Line, CsvTest(row.Fields, $"row {row.Line}", context)));
            context.CurrentFile = context.SourcePath;
            context.CurrentLine = null;
        }

        return tests;
    }

    private static YamlMappingNode CsvTest(IReadOnlyDictionary<string, object?> fields, string where, ImportContext context)
    {
        var vars = new YamlMappingNode();
        var asserts = new List<YamlMappingNode>();
        var thresholds = new Dictionary<int, string>();
        string? description = null, metric = null, threshold = null;
        foreach (var (rawKey, rawValue) in fields)
        {
            var key = rawKey.Trim();
            var value = rawValue?.ToString() ?? "";
            if (key.StartsWith("__expected", StringComparison.Ordinal))
            {
                if (value.Trim().Length > 0)
                {
                    asserts.Add(ExpectedAssertion.FromString(value.Trim()));
                }
            }
            else if (key.StartsWith("__config:", StringComparison.Ordinal))
            {
                var parts = key["__config:".Length..].Split(':');
                var index = parts.Length == 2 && parts[1] == "threshold" ? ExpectedIndex(parts[0]) : null;
                if (index is null)
                {
                    context.Drop(null, $"{where}: column '{key}' is not converted (promptfoo takes __config:__expected<N>:threshold)");
                }
                else if (value.Trim().Length > 0)
                {
                    thresholds[index.Value] = value.Trim();
                }
            }
            else if (key.StartsWith("__metadata", StringComparison.Ordinal))
            {
                // Labels for promptfoo's viewer: nothing is tested on them.
            }
            else
            {
                switch (key)
                {
                    case "__description": description = value; break;
                    case "__metric": metric = value; break;
                    case "__threshold": threshold = value; break;
                    case "__prefix" or "__suffix" or "__providerOutput":
                        if (value.Length > 0)
                        {
                            context.Drop(null, $"{where}: column '{key}' is not converted (write the prefix or suffix into the prompt; CiGate always calls the target)");
                        }

                        break;
                    default: vars.Add(key, new YamlScalarNode(value) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted }); break;
                }
            }
        }

        var test = new YamlMappingNode();
        if (!string.IsNullOrEmpty(description))
        {
            test.Add("description", description);
        }

        test.Add("vars", vars);
        if (asserts.Count > 0)
        {
            for (var i = 0; i < asserts.Count; i++)
            {
                if (thresholds.TryGetValue(i, out var t))
                {
                    asserts[i].Children[new YamlScalarNode("threshold")] = new YamlScalarNode(t);
                }

                if (!string.IsNullOrEmpty(metric))
                {
                    asserts[i].Add("metric", metric);
                }
            }

            test.Add("assert", new YamlSequenceNode(asserts));
        }

        // promptfoo keeps __threshold only when it parses to a non-zero number (a truthy check).
        if (double.TryParse(threshold, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed != 0)
        {
            test.Add("threshold", parsed.ToString(CultureInfo.InvariantCulture));
        }

        return test;
    }

    private static int? ExpectedIndex(string column) =>
        column == "__expected" ? 0
        : column.StartsWith("__expected", StringComparison.Ordinal) && int.TryParse(column["__expected".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n - 1
        : null;

    private static bool HasWildcard(string pattern) => pattern.IndexOfAny(['*', '?', '[', '{']) >= 0;

    /// <summary>The files a promptfoo glob matches (relative to <paramref name="baseDirectory"/>): '*', '?' within a segment, '**' across folders.</summary>
    internal static List<string> Glob(string baseDirectory, string pattern)
    {
        var full = Path.GetFullPath(Path.Combine(baseDirectory, pattern));
        if (!HasWildcard(pattern))
        {
            return File.Exists(full) ? [full] : [];
        }

        var segments = Path.GetRelativePath(baseDirectory, full).Replace('\\', '/').Split('/');
        var fixedCount = segments.TakeWhile(s => !HasWildcard(s)).Count();
        var root = Path.Combine([baseDirectory, .. segments[..fixedCount]]);
        var rest = segments[fixedCount..];
        if (!Directory.Exists(root))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Matches(Path.GetRelativePath(root, f).Replace('\\', '/').Split('/'), rest))
            .Order(StringComparer.Ordinal)];
    }

    private static bool Matches(ReadOnlySpan<string> path, ReadOnlySpan<string> pattern)
    {
        if (pattern.Length == 0)
        {
            return path.Length == 0;
        }

        if (pattern[0] == "**")
        {
            for (var skip = 0; skip <= path.Length; skip++)
            {
                if (Matches(path[skip..], pattern[1..]))
                {
                    return true;
                }
            }

            return false;
        }

        return path.Length > 0 && FileSystemName.MatchesSimpleExpression(pattern[0], path[0], ignoreCase: false) && Matches(path[1..], pattern[1..]);
    }
}
