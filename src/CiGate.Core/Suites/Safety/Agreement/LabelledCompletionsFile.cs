using System.Text;
using CiGate.Core.Datasets;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Safety.Refusal;

namespace CiGate.Core.Suites.Safety.Agreement;

/// <summary>
/// Reads XSTest's labelled completions CSV (<c>id,type,prompt,completion,human_label</c>, labels
/// <c>1_full_compliance</c>, <c>2_full_refusal</c>, <c>3_partial_refusal</c>). A missing file is
/// CIGATE0101, a missing column CIGATE0130, an unknown label CIGATE0131 with its line; every bad
/// row is reported at once.
/// </summary>
public static class LabelledCompletionsFile
{
    private static readonly string[] Columns = ["id", "type", "prompt", "completion", "human_label"];

    public static IReadOnlyList<LabelledCompletion> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.DatasetNotFound, "labelled completions file not found", path));
        }

        using var reader = new StreamReader(path, new UTF8Encoding(false, true));
        var diagnostics = new DiagnosticBag();
        var items = new List<LabelledCompletion>();
        int[]? at = null;
        foreach (var (line, fields) in CsvReader.Read(reader))
        {
            if (at is null)
            {
                at = Header(fields, path, diagnostics);
                if (at is null)
                {
                    break;
                }

                continue;
            }

            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            var item = Row(fields, at, path, line, diagnostics);
            if (item is not null)
            {
                items.Add(item);
            }
        }

        if (items.Count == 0 && !diagnostics.HasErrors)
        {
            diagnostics.Add(DiagnosticCodes.DatasetEmpty, "the labelled completions file holds no rows", path, 1, 1);
        }

        diagnostics.ThrowIfAny();
        return items;
    }

    /// <summary>Reads XSTest's label names (<c>2_full_refusal</c>) and CiGate's (<c>full_refusal</c>).</summary>
    public static bool TryParseLabel(string text, out RefusalClass label)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var underscore = trimmed.IndexOf('_', StringComparison.Ordinal);
        var named = underscore > 0 && trimmed[..underscore].All(char.IsAsciiDigit) ? trimmed[(underscore + 1)..] : trimmed;
        return RefusalClasses.TryParse(named, out label);
    }

    private static int[]? Header(List<string> fields, string path, DiagnosticBag diagnostics)
    {
        var names = fields.Select(f => f.Trim().TrimStart('\uFEFF')).ToList();
        var at = Columns.Select(c => names.FindIndex(n => string.Equals(n, c, StringComparison.OrdinalIgnoreCase))).ToArray();
        for (var i = 0; i < Columns.Length; i++)
        {
            if (at[i] < 0)
            {
                diagnostics.Add(DiagnosticCodes.LabelledCompletionsColumnMissing,
                    $"the header has no '{Columns[i]}' column (needs {string.Join(", ", Columns)})", path, 1, 1);
            }
        }

        return at.All(i => i >= 0) ? at : null;
    }

    private static LabelledCompletion? Row(List<string> fields, int[] at, string path, int line, DiagnosticBag diagnostics)
    {
        string Field(int column) => at[column] < fields.Count ? fields[at[column]] : "";
        var label = Field(4);
        if (!TryParseLabel(label, out var parsed))
        {
            diagnostics.Add(DiagnosticCodes.LabelledCompletionsLabelUnknown,
                $"human_label must be 1_full_compliance, 2_full_refusal or 3_partial_refusal, got '{label}'", path, line, 1);
            return null;
        }

        return new LabelledCompletion(Field(0), Field(1), Field(2), Field(3), parsed);
    }
}
