using CiGate.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Config;

/// <summary>
/// Reads a prompt suite's <c>grader_labels: { file, min_agreement }</c> (docs/prompt-suites.md): the
/// file must exist and parse (<see cref="GraderLabels"/>), the bar lies in [0, 1] (default 0.8).
/// Only prompt suites have model-graded assertions to check.
/// </summary>
internal static class GraderLabelsReader
{
    public const string Key = "grader_labels";

    public static GraderLabelSettings? Read(MapReader suite, SuiteHeader header, string baseDirectory)
    {
        var map = suite.Map(Key);
        if (map is null)
        {
            return null;
        }

        if (header.Kind != "prompts")
        {
            suite.Context.Report(
                DiagnosticCodes.InvalidValue, map.Node,
                $"'{suite.Section}.{Key}' checks the grader of model-graded assertions, which only prompts suites "
                + $"have, not a {header.Kind} suite");
            return null;
        }

        var relative = map.String("file");
        var minAgreement = map.Double("min_agreement", 0, 1) ?? GraderLabelSettings.DefaultMinAgreement;
        map.Finish();
        if (relative is null)
        {
            map.Context.Report(
                DiagnosticCodes.MissingKey, map.Node,
                $"'{map.Section}' needs 'file:', a JSONL file of people's verdicts ({{\"id\": ..., \"pass\": true}})");
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(baseDirectory, relative));
        var at = map.Node.Children.TryGetValue(new YamlScalarNode("file"), out var value) ? value : map.Node;
        if (!File.Exists(path))
        {
            map.Context.Report(
                DiagnosticCodes.DatasetNotFound, at, $"grader label file '{relative}' not found (looked in {path})");
            return null;
        }

        try
        {
            return new GraderLabelSettings(path, GraderLabels.Load(path), minAgreement);
        }
        catch (CiGateException ex)
        {
            foreach (var diagnostic in ex.Diagnostics)
            {
                map.Context.Diagnostics.Add(diagnostic);
            }

            return null;
        }
    }
}
