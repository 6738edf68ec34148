using System.Globalization;
using System.Text.RegularExpressions;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Perf;

/// <summary>Reads a `kind: perf` suite (GuideLLM's vocabulary: profile, rate, max_duration, warmup...).</summary>
internal static partial class PerfSuiteReader
{
    private static readonly Dictionary<string, ProfileKind> Profiles = new(StringComparer.Ordinal)
    {
        ["synchronous"] = ProfileKind.Synchronous,
        ["throughput"] = ProfileKind.Throughput,
        ["concurrent"] = ProfileKind.Concurrent,
        ["constant"] = ProfileKind.Constant,
        ["poisson"] = ProfileKind.Poisson,
        ["sweep"] = ProfileKind.Sweep,
        ["slo-search"] = ProfileKind.SloSearch,
    };

    private static readonly Dictionary<string, ReceiveClock> Clocks = new(StringComparer.Ordinal)
    {
        ["kernel"] = ReceiveClock.Kernel,
        ["process"] = ReceiveClock.Process,
    };

    private static readonly Dictionary<string, Targets.TargetApi> Apis = new(StringComparer.Ordinal)
    {
        ["chat"] = Targets.TargetApi.Chat,
        ["completions"] = Targets.TargetApi.Completions,
    };

    public static PerfSuite? Read(SuiteHeader header, MapReader map, string baseDirectory)
    {
        PerfTargets.RefuseApplications(header, map);
        var workload = WorkloadReader.Read(map.Map("workload"), map, baseDirectory);
        var kind = map.Choice("profile", Profiles) ?? ProfileKind.Sweep;
        var rates = ReadRates(map, kind);
        var concurrency = ReadInts(map, "concurrency");
        var search = ReadSearch(map.Map("slo_search"));
        var profile = new ProfileSpec(
            kind,
            rates.List,
            concurrency,
            rates.Count,
            map.Duration("max_duration") ?? TimeSpan.FromSeconds(30),
            map.Int("max_requests", 1) ?? 1000,
            ReadTrim(map, "warmup"),
            ReadTrim(map, "cooldown"),
            map.Duration("timeout"),
            map.Double("max_lag_p99_ms", 0) ?? 5,
            search);
        var slos = SloReader.Read(map);
        var regression = ReadRegression(map.Map("regression"));
        var repeats = map.Int("repeats", 1, 10) ?? 1;
        var server = Server.ServerSpecReader.Read(map.Map("server"), header.Name, baseDirectory);
        var sampling = Telemetry.SamplingSpecReader.Read(map);
        var clock = map.Choice("receive_clock", Clocks) ?? ReceiveClock.Kernel;
        var measurement = ReadMeasurement(map.Map("measurement"));
        map.Finish();

        if (kind is ProfileKind.Constant or ProfileKind.Poisson && profile.Rates.Count == 0)
        {
            map.Context.Report(DiagnosticCodes.MissingKey, map.Node, $"'{map.Section}' with profile '{PerfSuite.ProfileName(kind)}' needs 'rates:' (requests per second, a number or a list)");
            return null;
        }

        if (kind == ProfileKind.SloSearch && slos.Count == 0)
        {
            map.Context.Report(DiagnosticCodes.MissingKey, map.Node, $"'{map.Section}' with profile 'slo-search' needs 'slo:' (e.g. {{ ttft_p95_ms: 250 }})");
            return null;
        }

        return workload is null ? null : new PerfSuite(
            header.Name, header.Targets, workload, profile, slos, regression, repeats)
        {
            Server = server,
            Sampling = sampling,
            ReceiveClock = clock,
            Measurement = measurement,
        };
    }

    private static MeasurementSpec ReadMeasurement(MapReader? map)
    {
        if (map is null)
        {
            return MeasurementSpec.Default;
        }

        var share = map.Double("max_flagged_share", 0, 1) ?? MeasurementSpec.DefaultMaxFlaggedShare;
        var warmUp = map.Int("warm_up_requests", 0, 4096);
        map.Finish();
        return new MeasurementSpec(share, warmUp);
    }

    private static (IReadOnlyList<double> List, int Count) ReadRates(MapReader map, ProfileKind kind)
    {
        if (map.Get("rates") is not { } node)
        {
            return ([], kind == ProfileKind.Sweep ? 5 : 0);
        }

        if (kind == ProfileKind.Sweep)
        {
            return ([], map.Int("rates", 1, 100) ?? 5);
        }

        var values = new List<double>();
        foreach (var child in node is YamlSequenceNode seq ? seq.Children : [node])
        {
            if (child is YamlScalarNode { Value: { } text } && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0 && double.IsFinite(rate))
            {
                values.Add(rate);
            }
            else
            {
                map.Context.Report(DiagnosticCodes.InvalidValue, child, $"'{map.Section}.rates' must be positive numbers (requests per second)");
            }
        }

        return (values, values.Count);
    }

    private static IReadOnlyList<int> ReadInts(MapReader map, string key)
    {
        if (map.Get(key) is not { } node)
        {
            return [];
        }

        var values = new List<int>();
        foreach (var child in node is YamlSequenceNode seq ? seq.Children : [node])
        {
            if (child is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 100_000)
            {
                values.Add(n);
            }
            else
            {
                map.Context.Report(DiagnosticCodes.InvalidValue, child, $"'{map.Section}.{key}' must be whole numbers between 1 and 100000");
            }
        }

        return values;
    }

    /// <summary>"10%", 0.1 (a fraction of the requests) or a duration such as "5s".</summary>
    private static PhaseTrim ReadTrim(MapReader map, string key)
    {
        var text = map.String(key);
        if (text is null)
        {
            return PhaseTrim.None;
        }

        var trimmed = text.Trim();
        if (trimmed.EndsWith('%') && double.TryParse(trimmed[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and < 50)
        {
            return new PhaseTrim(percent / 100, TimeSpan.Zero);
        }

        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) && fraction is >= 0 and < 0.5)
        {
            return new PhaseTrim(fraction, TimeSpan.Zero);
        }

        if (DurationRegex().IsMatch(trimmed) && DurationParser.TryParse(trimmed, out var duration))
        {
            return new PhaseTrim(0, duration);
        }

        map.Context.Report(DiagnosticCodes.InvalidValue, map.Get(key)!, $"'{map.Section}.{key}' must be a share of the requests below 50% (e.g. 10%) or a duration (e.g. 5s)");
        return PhaseTrim.None;
    }

    private static SloSearchSpec ReadSearch(MapReader? map)
    {
        if (map is null)
        {
            return SloSearchSpec.Default;
        }

        var by = map.Choice("by", new Dictionary<string, bool>(StringComparer.Ordinal) { ["rate"] = false, ["concurrency"] = true }) ?? false;
        var d = SloSearchSpec.Default;
        var spec = new SloSearchSpec(by, map.Double("start", 0.001) ?? d.Start, map.Double("max", 0.001) ?? d.Max, map.Int("steps", 0, 20) ?? d.Steps);
        map.Finish();
        return spec;
    }

    private static RegressionSpec ReadRegression(MapReader? map)
    {
        if (map is null)
        {
            return RegressionSpec.Default;
        }

        var d = RegressionSpec.Default;
        var margin = Percent(map, "margin") ?? d.MarginPercent;
        var warn = Percent(map, "warn") ?? Math.Min(d.WarnPercent, margin);
        var metrics = map.Strings("metrics") ?? d.Metrics;
        foreach (var metric in metrics.Where(m => !SloReader.MetricPattern().IsMatch(m + "_ms")))
        {
            map.Context.Report(DiagnosticCodes.InvalidValue, map.Get("metrics")!, $"'{map.Section}.metrics' has '{metric}'; use <ttft|itl|itl_mean|tpot|e2e>_<p50|p90|p95|p99>, e.g. ttft_p95");
        }

        var confidence = map.Double("confidence", 0.5, 0.999) ?? d.Confidence;
        map.Finish();
        return new RegressionSpec(margin, warn, metrics, confidence);
    }

    private static double? Percent(MapReader map, string key)
    {
        var text = map.String(key);
        if (text is null)
        {
            return null;
        }

        var number = text.Trim().TrimEnd('%');
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1000)
        {
            return value;
        }

        map.Context.Report(DiagnosticCodes.InvalidValue, map.Get(key)!, $"'{map.Section}.{key}' must be a percentage such as 10%");
        return null;
    }

    [GeneratedRegex(@"^\d+(\.\d+)?(ms|s|m|h)$")]
    private static partial Regex DurationRegex();
}
