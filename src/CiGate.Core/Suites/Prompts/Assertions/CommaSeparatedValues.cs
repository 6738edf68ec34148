using System.Text;

namespace CiGate.Core.Suites.Prompts.Assertions;

/// <summary>
/// promptfoo's reading of one string as a list (contains-any, contains-all and their icontains
/// forms): comma-separated fields, trimmed, empty ones skipped; a field in double quotes keeps its
/// commas and takes \" or "" for a quote and \\ for a backslash.
/// </summary>
internal static class CommaSeparatedValues
{
    /// <summary>The fields, or null with <paramref name="error"/> set when a quoted field is malformed.</summary>
    public static IReadOnlyList<string>? Parse(string value, out string? error)
    {
        var fields = new List<string>();
        error = null;
        var i = 0;
        while (true)
        {
            while (i < value.Length && (char.IsWhiteSpace(value[i]) || value[i] == ','))
            {
                i++;
            }

            if (i >= value.Length)
            {
                return fields;
            }

            if (value[i] != '"')
            {
                var end = value.IndexOf(',', i);
                end = end < 0 ? value.Length : end;
                fields.Add(value[i..end].Trim());
                i = end;
                continue;
            }

            var field = new StringBuilder();
            i++; // past the opening quote
            while (true)
            {
                if (i >= value.Length)
                {
                    error = "a quoted item is not closed";
                    return null;
                }

                var next = i + 1 < value.Length ? value[i + 1] : '\0';
                if ((value[i] == '\\' && next is '"' or '\\') || (value[i] == '"' && next == '"'))
                {
                    field.Append(next);
                    i += 2;
                }
                else if (value[i] == '"')
                {
                    i++;
                    break;
                }
                else
                {
                    field.Append(value[i++]);
                }
            }

            while (i < value.Length && char.IsWhiteSpace(value[i]))
            {
                i++;
            }

            if (i < value.Length && value[i] != ',')
            {
                error = $"a quoted item must be followed by a comma (at character {i + 1})";
                return null;
            }

            fields.Add(field.ToString());
        }
    }
}
