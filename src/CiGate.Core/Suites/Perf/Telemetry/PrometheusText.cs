using System.Globalization;

namespace CiGate.Core.Suites.Perf.Telemetry;

/// <summary>
/// Reads the Prometheus text exposition format (<c>name{labels} value [timestamp]</c>; # lines are
/// comments) for the allowed names only. A name with several label sets (one per model or engine)
/// becomes one value: the mean for ratios (names with <c>perc</c>, <c>usage</c> or <c>rate</c>),
/// the sum otherwise (requests running, queue sizes).
/// </summary>
public static class PrometheusText
{
    public static Dictionary<string, double> Parse(string text, IReadOnlyCollection<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(allowed);
        var wanted = allowed as IReadOnlySet<string> ?? new HashSet<string>(allowed, StringComparer.Ordinal);
        var values = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || !TryParseLine(line, out var name, out var value) || !wanted.Contains(name) || double.IsNaN(value))
            {
                continue;
            }

            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
            }

            list.Add(value);
        }

        return values.ToDictionary(p => p.Key, p => IsRatio(p.Key) ? p.Value.Average() : p.Value.Sum(), StringComparer.Ordinal);
    }

    internal static bool TryParseLine(string line, out string name, out double value)
    {
        value = 0;
        var end = 0;
        while (end < line.Length && line[end] != '{' && !char.IsWhiteSpace(line[end]))
        {
            end++;
        }

        name = line[..end];
        var position = end;
        if (position < line.Length && line[position] == '{')
        {
            // Label values are quoted and may hold escaped quotes, spaces and braces.
            var quoted = false;
            for (position++; position < line.Length; position++)
            {
                var c = line[position];
                if (quoted && c == '\\')
                {
                    position++;
                }
                else if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (!quoted && c == '}')
                {
                    break;
                }
            }

            if (position >= line.Length)
            {
                return false;
            }

            position++;
        }

        var fields = line[position..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return name.Length > 0 && fields.Length >= 1 && TryParseValue(fields[0], out value);
    }

    private static bool TryParseValue(string text, out double value)
    {
        switch (text)
        {
            case "+Inf" or "Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            case "NaN":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    private static bool IsRatio(string name) =>
        name.Contains("perc", StringComparison.Ordinal) || name.Contains("usage", StringComparison.Ordinal) || name.Contains("rate", StringComparison.Ordinal);
}
