using System.Globalization;
using CiGate.Core.Reporting;

namespace CiGate.Core.Suites.Tools;

/// <summary>A tool suite's report section, escaped for one format: how the flipped cases' calls changed.</summary>
internal sealed record ToolsView(IReadOnlyList<ToolsChangeRow> Rows, int Total, string Note)
{
    public const int MaxRows = 25;

    public static ToolsView? Build(ToolsComparison? tools, ReportFormat format)
    {
        if (tools is not { Changes.Count: > 0 })
        {
            return null;
        }

        var ordered = tools.Changes
            .OrderByDescending(c => c.Regressed)
            .ThenBy(c => c.Item, StringComparer.Ordinal)
            .ToList();
        var rows = ordered.Take(MaxRows).Select(c => new ToolsChangeRow(
            format.Text(c.Case),
            format.Text(c.Item),
            c.Regressed ? "newly failing" : "newly passing",
            c.Regressed ? "❌" : "✅",
            format.Output(TrajectoryChange.Sequence(c.Base, format.OutputChars)),
            format.Output(TrajectoryChange.Sequence(c.Head, format.OutputChars)),
            format.Output(c.What))).ToList();
        var note = ordered.Count > MaxRows
            ? format.Sentence(string.Create(
                CultureInfo.InvariantCulture, $"{ordered.Count - MaxRows} more not shown; see items.jsonl."))
            : "";
        return new ToolsView(rows, ordered.Count, note);
    }
}

/// <summary>One flipped case: its calls on base and head (first repeat) and the first difference.</summary>
internal sealed record ToolsChangeRow(
    string Case, string Item, string Change, string Emoji, string Base, string Head, string What);
