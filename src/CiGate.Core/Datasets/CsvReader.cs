using nietras.SeparatedValues;

namespace CiGate.Core.Datasets;

/// <summary>
/// RFC 4180 CSV through Sep: quoted fields may hold commas, quotes ("") and newlines. Every
/// record comes back, the header row and blank lines included (a blank line is one empty field),
/// and records may differ in field count: the callers report those with the record's line.
/// </summary>
internal static class CsvReader
{
    /// <summary>Yields (1-based line where the record starts, fields).</summary>
    public static IEnumerable<(int Line, List<string> Fields)> Read(TextReader reader)
    {
        // The separator is always a comma (Sep would otherwise guess it from the first line).
        using var csv = Sep.New(',')
            .Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true })
            .From(reader);

        // A record starts on the line after the previous one ends. (Sep 0.18 reports the first
        // row's LineNumberFrom as 2 when there is no header; its LineNumberToExcl is right.)
        var line = 1;
        foreach (var row in csv)
        {
            var fields = new List<string>(row.ColCount);
            for (var i = 0; i < row.ColCount; i++)
            {
                fields.Add(row[i].ToString());
            }

            var start = line;
            line = row.LineNumberToExcl;
            yield return (start, fields);
        }
    }
}
