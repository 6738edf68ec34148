using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Prompts;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites;

/// <summary>
/// Reads a suite's <c>pairwise: { grader, min_win_rate, prompt, criteria, labels, min_agreement }</c>.
/// The grader must be a defined target (by default the one with role: grader); the prompt and label
/// files must exist and parse; the bars lie in [0, 1]. Shared by the kinds with text answers, so it
/// sits at the kind seam: it reads a prompt as prompt suites do, without Config knowing them.
/// </summary>
internal static class PairwiseReader
{
    /// <summary>The kinds whose items have one text output to judge.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["prompts", "accuracy", "tools"];

    public static PairwiseSettings? Read(MapReader suite, SuiteHeader header, string baseDirectory)
    {
        var map = suite.Map("pairwise");
        if (map is null)
        {
            return null;
        }

        if (!Kinds.Contains(header.Kind))
        {
            suite.Context.Report(
                DiagnosticCodes.InvalidValue, map.Node,
                $"'{suite.Section}.pairwise' judges text answers of {string.Join(", ", Kinds)} suites, "
                + $"not a {header.Kind} suite");
            return null;
        }

        var grader = Grader(map.String("grader"), map, header, At(map, "grader"));
        var minWinRate = map.Double("min_win_rate", 0, 1) ?? PairwiseSettings.DefaultMinWinRate;
        var criteria = map.String("criteria") is { Length: > 0 } text
            ? text.Trim()
            : PairwiseSettings.DefaultCriteria;
        var prompt = map.Get("prompt") is { } promptNode ? ReadPrompt(promptNode, map, baseDirectory) : null;
        var promptFile = prompt is null ? null : Path.GetFileName(prompt.Origin) is { Length: > 0 } name
            && Path.HasExtension(name) ? name : "pairwise_prompt.txt";
        var (labelsPath, labels) = ReadLabels(map, baseDirectory);
        var minAgreement = map.Double("min_agreement", 0, 1);
        if (minAgreement is not null && labelsPath is null && At(map, "labels") == map.Node)
        {
            map.Context.Report(
                DiagnosticCodes.MissingKey, At(map, "min_agreement"),
                $"'{map.Section}.min_agreement' needs 'labels:', a file of human preferences to measure the judge on");
        }

        map.Finish();
        return grader is null
            ? null
            : new PairwiseSettings(grader, minWinRate, criteria)
            {
                PromptSource = prompt?.Source,
                PromptFile = promptFile,
                LabelsPath = labelsPath,
                Labels = labels,
                MinAgreement = labels is null ? null : minAgreement ?? PairwiseSettings.DefaultMinAgreement,
            };
    }

    private static string? Grader(string? declared, MapReader map, SuiteHeader header, YamlNode at)
    {
        if (declared is not null)
        {
            if (header.Defined.Contains(declared))
            {
                return declared;
            }

            var hint = Suggest.Closest(declared, header.Defined);
            map.Context.Report(
                DiagnosticCodes.UnknownReference, at,
                $"'{map.Section}.grader' names target '{declared}', which is not defined"
                + (hint is null ? "" : $"; did you mean '{hint}'?"));
            return null;
        }

        if (header.Graders.Count == 1)
        {
            return header.Graders[0];
        }

        var defined = header.Graders.Count == 0
            ? "no target has role: grader"
            : $"several do: {string.Join(", ", header.Graders)}";
        map.Context.Report(
            DiagnosticCodes.MissingKey, at,
            $"'{map.Section}' names no grader; set 'grader:' to the target that judges (with role: grader), {defined}");
        return null;
    }

    /// <summary>Where a key's value is written, for a diagnostic (the section itself when the key is absent).</summary>
    private static YamlNode At(MapReader map, string key) =>
        map.Node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : map.Node;

    /// <summary>A file (text, or a chat message list), or { text: ... } / { file: ... } like a prompt entry.</summary>
    private static SuitePrompt? ReadPrompt(YamlNode node, MapReader map, string baseDirectory) =>
        node is YamlScalarNode { Value: { } path }
            ? PromptFiles.Read(path, "pairwise_prompt", node, map.Context, baseDirectory)
            : MapReader.From(node, map.Context, $"{map.Section}.prompt") is { } entry
                ? PromptFiles.Read(entry, baseDirectory, 0)
                : null;

    private static (string? Path, IReadOnlyDictionary<string, PairwisePreference>? Labels) ReadLabels(
        MapReader map, string baseDirectory)
    {
        if (map.String("labels") is not { } relative)
        {
            return (null, null);
        }

        var path = Path.GetFullPath(Path.Combine(baseDirectory, relative));
        if (!File.Exists(path))
        {
            map.Context.Report(
                DiagnosticCodes.DatasetNotFound, At(map, "labels"),
                $"pairwise label file '{relative}' not found (looked in {path})");
            return (null, null);
        }

        try
        {
            return (path, PairwiseLabels.Load(path));
        }
        catch (CiGateException ex)
        {
            foreach (var diagnostic in ex.Diagnostics)
            {
                map.Context.Diagnostics.Add(diagnostic);
            }

            return (null, null);
        }
    }
}
