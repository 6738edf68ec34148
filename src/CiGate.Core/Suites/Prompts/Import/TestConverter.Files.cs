using System.Globalization;
using System.IO.Enumeration;
using CiGate.Core.Datasets;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Accuracy;
using CiGate.Core.Suites.Prompts.Assertions;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Prompts.Import;

/// <summary>
/// The test files behind <c>tests: file://...</c>: globbing, and reading CSV (with promptfoo's
/// <c>__expected</c> and other special columns), YAML, JSON and JSONL test files as promptfoo does.
/// </summary>
internal static partial class TestConverter
{
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
