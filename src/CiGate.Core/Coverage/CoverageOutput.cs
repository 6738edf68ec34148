using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CiGate.Core.Coverage;

/// <summary>
/// The coverage report as console text, markdown (PR comment, job summary), HTML and JSON. Byte-identical for the
/// same report: invariant culture, no timestamps. Exemplars are already redacted; markdown escapes them.
/// </summary>
public static class CoverageOutput
{
    /// <summary>Uncovered clusters listed in the console and markdown (all of them are in the JSON).</summary>
    public const int ListedClusters = 10;

    /// <param name="gate">The config's coverage gate verdict, when the config has a <c>coverage:</c> gate.</param>
    public static string Console(CoverageReport report, CoverageVerdict? gate = null)
    {
        var text = new StringBuilder();
        text.Append(Invariant($"coverage {Percent(report.Coverage)} of {report.Records} traffic records by {report.TestCases} test case(s); "))
            .Append(Invariant($"{report.Clusters.Count(c => c.Covered)} of {report.Clusters.Count} clusters covered\n"));
        foreach (var cluster in report.Uncovered.Take(ListedClusters))
        {
            text.Append(Invariant($"  uncovered #{cluster.Id}{Named(cluster)}: "))
                .Append(Invariant($"{Percent(cluster.TrafficShare)} of traffic ({cluster.Records}), "))
                .Append(Invariant($"{Percent(cluster.NegativeFeedbackShare)} of negative feedback\n"));
            foreach (var exemplar in cluster.Exemplars)
            {
                text.Append("    - ").Append(exemplar).Append('\n');
            }
        }

        foreach (var cluster in WithResults(report))
        {
            text.Append(Invariant($"  covered #{cluster.Id}{Named(cluster)}: "))
                .Append(Invariant($"{Percent(cluster.TrafficShare)} of traffic "))
                .Append(Invariant($"({cluster.Records}), pass rate {Percent(cluster.PassRate!.Value)} "))
                .Append(Invariant($"over {cluster.CasesWithResults} test case(s)\n"));
        }

        if (gate is not null)
        {
            text.Append(Invariant($"gate: {gate.Name}: {gate.Reason}\n"));
        }

        return text.ToString();
    }

    public static string Markdown(CoverageReport report, CoverageVerdict? gate = null)
    {
        var md = new StringBuilder();
        md.Append("## Test coverage of traffic\n\n");
        if (gate is not null)
        {
            md.Append(Invariant($"Gate: **{gate.Name}**: {gate.Reason}.\n\n"));
        }

        md
            .Append(Invariant($"**{Percent(report.Coverage)}** of {report.Records} traffic records fall in clusters a test case covers "))
            .Append(Invariant($"({report.Clusters.Count(c => c.Covered)} of {report.Clusters.Count} clusters, {report.TestCases} test cases).\n\n"));
        var uncovered = report.Uncovered.ToList();
        if (uncovered.Count == 0)
        {
            md.Append("Every cluster holds a test case.\n");
            return PassRates(md, report).ToString();
        }

        md.Append("| Cluster | Top terms | Traffic | Negative feedback | Exemplars |\n|---:|---|---:|---:|---|\n");
        foreach (var cluster in uncovered.Take(ListedClusters))
        {
            md.Append(Invariant($"| {cluster.Id} | {Escape(string.Join(", ", cluster.TopTerms))} | "))
                .Append(Invariant($"{Percent(cluster.TrafficShare)} ({cluster.Records}) | "))
                .Append(Invariant($"{Percent(cluster.NegativeFeedbackShare)} | "))
                .Append(string.Join("<br>", cluster.Exemplars.Select(Escape)))
                .Append(" |\n");
        }

        if (uncovered.Count > ListedClusters)
        {
            md.Append(Invariant($"\n{uncovered.Count - ListedClusters} smaller uncovered cluster(s) not listed (see the JSON report).\n"));
        }

        return PassRates(md, report).ToString();
    }

    /// <summary>Covered clusters whose test cases have results (<c>--results</c>), largest first.</summary>
    private static IEnumerable<CoverageCluster> WithResults(CoverageReport report) =>
        report.Clusters.Where(c => c.PassRate is not null).OrderByDescending(c => c.Records).ThenBy(c => c.Id)
            .Take(ListedClusters);

    private static StringBuilder PassRates(StringBuilder md, CoverageReport report)
    {
        var rows = WithResults(report).ToList();
        if (rows.Count == 0)
        {
            return md;
        }

        md.Append("\n| Covered cluster | Top terms | Traffic | Test cases with results | Pass rate |\n")
            .Append("|---:|---|---:|---:|---:|\n");
        foreach (var cluster in rows)
        {
            md.Append(Invariant($"| {cluster.Id} | {Escape(string.Join(", ", cluster.TopTerms))} | "))
                .Append(Invariant($"{Percent(cluster.TrafficShare)} ({cluster.Records}) | "))
                .Append(Invariant($"{cluster.CasesWithResults} | {Percent(cluster.PassRate!.Value)} |\n"));
        }

        return md;
    }

    /// <summary>
    /// One self-contained HTML page (no script, no external resource): the gate, the coverage, the uncovered clusters
    /// with their exemplars and, with results, the covered clusters' pass rates. Every text from the traffic is
    /// HTML-encoded.
    /// </summary>
    public static string Html(CoverageReport report, CoverageVerdict? gate = null)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<title>Test coverage of traffic</title>\n<style>\n")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;max-width:72rem}")
            .Append("table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;")
            .Append("vertical-align:top}td.n{text-align:right}.fail{color:#b00}.warn{color:#a60}.pass{color:#070}\n")
            .Append("</style>\n</head>\n<body>\n<h1>Test coverage of traffic</h1>\n");
        if (gate is not null)
        {
            html.Append(Invariant($"<p class=\"{gate.Name}\">Gate: <strong>{gate.Name}</strong>: "))
                .Append(Encode(gate.Reason)).Append(".</p>\n");
        }

        html.Append(Invariant($"<p><strong>{Percent(report.Coverage)}</strong> of {report.Records} traffic records "))
            .Append(Invariant($"fall in clusters a test case covers ({report.Clusters.Count(c => c.Covered)} of "))
            .Append(Invariant($"{report.Clusters.Count} clusters, {report.TestCases} test cases).</p>\n"));
        var uncovered = report.Uncovered.ToList();
        if (uncovered.Count > 0)
        {
            html.Append("<h2>Uncovered clusters</h2>\n<table>\n<tr><th>Cluster</th><th>Top terms</th><th>Traffic</th>")
                .Append("<th>Negative feedback</th><th>Exemplars</th></tr>\n");
            foreach (var cluster in uncovered)
            {
                html.Append(Invariant($"<tr><td class=\"n\">{cluster.Id}</td><td>"))
                    .Append(Encode(string.Join(", ", cluster.TopTerms))).Append("</td><td class=\"n\">")
                    .Append(Invariant($"{Percent(cluster.TrafficShare)} ({cluster.Records})</td><td class=\"n\">"))
                    .Append(Invariant($"{Percent(cluster.NegativeFeedbackShare)}</td><td>"))
                    .Append(string.Join("<br>", cluster.Exemplars.Select(Encode)))
                    .Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        var rated = report.Clusters.Where(c => c.PassRate is not null).OrderByDescending(c => c.Records)
            .ThenBy(c => c.Id).ToList();
        if (rated.Count > 0)
        {
            html.Append("<h2>Covered clusters: pass rates</h2>\n<table>\n<tr><th>Cluster</th><th>Top terms</th>")
                .Append("<th>Traffic</th>")
                .Append("<th>Test cases with results</th><th>Pass rate</th></tr>\n");
            foreach (var cluster in rated)
            {
                html.Append(Invariant($"<tr><td class=\"n\">{cluster.Id}</td><td>"))
                    .Append(Encode(string.Join(", ", cluster.TopTerms))).Append("</td><td class=\"n\">")
                    .Append(Invariant($"{Percent(cluster.TrafficShare)} ({cluster.Records})</td><td class=\"n\">"))
                    .Append(Invariant($"{cluster.CasesWithResults}</td><td class=\"n\">"))
                    .Append(Invariant($"{Percent(cluster.PassRate!.Value)}</td></tr>\n"));
            }

            html.Append("</table>\n");
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    public static string Json(CoverageReport report, CoverageVerdict? gate = null)
    {
        var root = new JsonObject
        {
            ["records"] = report.Records,
            ["test_cases"] = report.TestCases,
            ["negative_feedback"] = report.NegativeFeedback,
            ["coverage"] = Math.Round(report.Coverage, 4),
            ["clusters"] = new JsonArray([.. report.Clusters.Select(c => (JsonNode)WithPassRate(c, new JsonObject
            {
                ["id"] = c.Id,
                ["covered"] = c.Covered,
                ["records"] = c.Records,
                ["traffic_share"] = Math.Round(c.TrafficShare, 4),
                ["negative_feedback"] = c.NegativeFeedback,
                ["negative_feedback_share"] = Math.Round(c.NegativeFeedbackShare, 4),
                ["radius"] = c.Radius,
                ["test_cases"] = c.TestCases,
                ["terms"] = new JsonArray([.. c.TopTerms.Select(t => (JsonNode)JsonValue.Create(t))]),
                ["exemplars"] = new JsonArray([.. c.Exemplars.Select(e => (JsonNode)JsonValue.Create(e))]),
            }))]),
        };
        if (gate is not null)
        {
            root.Insert(0, "gate", new JsonObject { ["verdict"] = gate.Name, ["reason"] = gate.Reason });
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>With results (<c>--results</c>), a covered cluster's pass rate follows its test cases.</summary>
    private static JsonObject WithPassRate(CoverageCluster cluster, JsonObject json)
    {
        if (cluster.PassRate is { } rate)
        {
            json.Insert(json.IndexOf("test_cases") + 1, "cases_with_results", cluster.CasesWithResults);
            json.Insert(json.IndexOf("cases_with_results") + 1, "pass_rate", Math.Round(rate, 4));
        }

        return json;
    }

    /// <summary>" (term, term, term)" after a cluster's id, or nothing when it has no terms.</summary>
    private static string Named(CoverageCluster cluster) =>
        cluster.TopTerms.Count == 0 ? "" : $" ({string.Join(", ", cluster.TopTerms)})";

    private static string Encode(string text) => System.Net.WebUtility.HtmlEncode(text);

    private static string Percent(double share) => Invariant($"{share * 100:0.0}%");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One table cell: no pipes, no HTML, no markdown emphasis or links from the traffic.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '|' => "\\|",
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '*' or '_' or '`' or '[' or ']' or '\\' or '#' or '!' => "\\" + c,
                '\n' or '\r' => " ",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
