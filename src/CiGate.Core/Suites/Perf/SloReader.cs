using System.Globalization;
using System.Text.RegularExpressions;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// `slo: { ttft_p95_ms: 250, itl_p99_ms: 50 }` for every load point, or a list of such mappings,
/// each with an optional `at: rate-8` (a load point label) to tie it to one load point.
/// </summary>
internal static partial class SloReader
{
    public static IReadOnlyList<SloLimit> Read(MapReader map)
    {
        var node = map.Get("slo");
        var limits = new List<SloLimit>();
        if (node is YamlSequenceNode sequence)
        {
            for (var i = 0; i < sequence.Children.Count; i++)
            {
                ReadOne(MapReader.From(sequence.Children[i], map.Context, $"{map.Section}.slo[{i}]"), limits, allowAt: true);
            }
        }
        else if (node is not null)
        {
            ReadOne(map.Map("slo"), limits, allowAt: true);
        }

        return limits;
    }

    private static void ReadOne(MapReader? map, List<SloLimit> limits, bool allowAt)
    {
        if (map is null)
        {
            return;
        }

        var at = allowAt ? map.String("at") : null;
        foreach (var (key, keyNode, value) in map.Entries())
        {
            if (key == "at")
            {
                continue;
            }

            var match = MetricPattern().Match(key);
            if (!match.Success)
            {
                map.Context.Report(DiagnosticCodes.UnknownKey, keyNode, $"unknown SLO '{key}' in '{map.Section}'; use <ttft|itl|itl_mean|tpot|e2e>_<p50|p90|p95|p99|max>_ms, e.g. ttft_p95_ms");
                continue;
            }

            if (value is YamlScalarNode { Value: { } text } && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var limit) && limit > 0 && double.IsFinite(limit))
            {
                var stat = match.Groups[2].Value;
                var percentile = stat == "max" ? 100 : double.Parse(stat[1..], CultureInfo.InvariantCulture);
                limits.Add(new SloLimit(match.Groups[1].Value, percentile, limit, at));
            }
            else
            {
                map.Context.Report(DiagnosticCodes.InvalidValue, value, $"'{map.Section}.{key}' must be a positive number of milliseconds");
            }
        }
    }

    [GeneratedRegex(@"^(ttft|itl|itl_mean|tpot|e2e)_(p\d{1,2}(?:\.\d+)?|max)_ms$")]
    internal static partial Regex MetricPattern();
}
