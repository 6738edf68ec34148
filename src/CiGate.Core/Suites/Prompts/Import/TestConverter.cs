using System.Globalization;
using System.IO.Enumeration;
using CiGate.Core.Config;
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
internal static partial class TestConverter
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
            context.Drop(
                node,
                $"var file '{file}' does not exist (looked in {fullPath}); it is kept as 'file://{file}', "
                + "which 'cigate validate' refuses until the file exists");
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
}
