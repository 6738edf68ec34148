using System.Net;
using System.Text;
using CiGate.Core.History.ChangePoints;

namespace CiGate.Core.History.Rendering;

/// <summary>
/// A static dashboard from the history store: one self-contained index.html (inline CSS and SVG,
/// no script, nothing fetched), ready for GitHub Pages. Trends per suite and metric with their
/// breaks and change points, a releases table (tagged runs, with the change since the previous
/// release where comparable), and the newest runs with links to their reports.
/// </summary>
public static class HistorySite
{
    public const string IndexFile = "index.html";

    public static async Task<IReadOnlyDictionary<string, string>> BuildAsync(IHistoryStore store, SiteOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var runs = await store.ListAsync(new HistoryFilter(), ct);
        var html = new StringBuilder(HtmlPage.Open(options.Title));
        html.Append("<h1>").Append(H(options.Title)).Append("</h1>");
        html.Append("<p>").Append(runs.Count).Append(" recorded runs").Append(runs.Count > 0 ? $", newest {Numbers.Time(runs[0].StartedAt)} UTC" : "")
            .Append(options.Branch is null ? "" : $"; trends of branch <b>{H(options.Branch)}</b>").Append(".</p>");

        html.Append("<h2 id=\"releases\">Releases</h2>").Append(Releases(runs));

        // A release is a tagged run; its marker goes on the branch's run of the same commit, else where it falls in time.
        var releases = runs.Where(r => r.Identity.Tag is not null).OrderBy(r => r.StartedAt)
            .Select(r => new Release(r.Identity.Tag!, r.Identity.Commit, r.StartedAt)).ToList();
        var pairs = runs.SelectMany(r => r.Suites).SelectMany(s => s.Metrics.Keys.Select(m => (s.Suite, Metric: m))).Distinct().OrderBy(p => p.Suite, StringComparer.Ordinal).ThenBy(p => p.Metric, StringComparer.Ordinal).ToList();
        foreach (var suite in pairs.GroupBy(p => p.Suite))
        {
            html.Append("<h2 id=\"suite-").Append(H(suite.Key)).Append("\">").Append(H(suite.Key)).Append("</h2>");
            foreach (var (_, metric) in suite)
            {
                var query = new TrendQuery(suite.Key, metric, options.Branch, Last: options.Last);
                var trend = Trend.Build(query, await store.SeriesAsync(query, ct));
                var shifts = ChangePointDetector.Detect(trend, options.ChangePoints ?? new EDivisiveOptions());
                foreach (var series in trend.Series)
                {
                    html.Append(HtmlPage.Series(metric, series, shifts, releases));
                }
            }
        }

        html.Append("<h2 id=\"runs\">Runs</h2>").Append(Runs(runs.Take(options.RunRows)));
        return new Dictionary<string, string>(StringComparer.Ordinal) { [IndexFile] = html.Append(HtmlPage.Close).ToString() };
    }

    private static string Releases(IReadOnlyList<RecordedRun> runs)
    {
        var tagged = runs.Where(r => r.Identity.Tag is not null).OrderBy(r => r.StartedAt).ToList();
        if (tagged.Count == 0)
        {
            return "<p>No tagged runs yet: record runs of release tags (<code>cigate history record --tag v1.4</code>, or on a tag push).</p>";
        }

        var html = new StringBuilder("<table><tr><th>release</th><th>commit</th><th>started (UTC)</th><th>suite</th><th>target</th><th>model</th><th>metrics (change since the previous release)</th></tr>");
        var previous = new Dictionary<(string Suite, string Target), RecordedSuite>();
        var rows = new List<string>();
        foreach (var run in tagged)
        {
            foreach (var suite in run.Suites)
            {
                var key = (suite.Suite, suite.Target);
                var before = previous.GetValueOrDefault(key);
                var breaks = before is null ? [] : before.Measurement.Differences(suite.Measurement);
                var metrics = string.Join("<br>", suite.Metrics.Select(m =>
                {
                    var change = before is null || breaks.Count > 0 || !before.Metrics.TryGetValue(m.Key, out var old) ? "" : $" ({Numbers.Signed(m.Value.Value - old.Value)})";
                    return H($"{m.Key} {Numbers.Value(m.Value.Value)}{change}");
                }));
                if (breaks.Count > 0)
                {
                    metrics += "<br><i>" + H("not comparable with the previous release: " + string.Join("; ", breaks)) + "</i>";
                }

                rows.Add($"<tr><td>{HtmlPage.Link(run.Identity.Tag!, run.Identity.ReportUrl ?? run.Identity.RunUrl)}</td><td>{H(Numbers.Commit(run.Identity.Commit))}</td><td>{Numbers.Time(run.StartedAt)}</td><td>{H(suite.Suite)}</td><td>{H(suite.Target)}</td><td>{H(suite.Measurement.Model)}</td><td>{metrics}</td></tr>");
                previous[key] = suite;
            }
        }

        rows.Reverse();
        return html.AppendJoin("", rows).Append("</table>").ToString();
    }

    private static string Runs(IEnumerable<RecordedRun> runs)
    {
        var html = new StringBuilder("<table><tr><th>run</th><th>started (UTC)</th><th>branch</th><th>tag</th><th>PR</th><th>commit</th><th>status</th><th>suites</th></tr>");
        foreach (var run in runs)
        {
            var id = run.Identity;
            html.Append("<tr><td>").Append(HtmlPage.Link(run.RunId[..Math.Min(8, run.RunId.Length)], id.ReportUrl ?? id.RunUrl)).Append("</td><td>").Append(Numbers.Time(run.StartedAt))
                .Append("</td><td>").Append(H(id.Branch ?? "")).Append("</td><td>").Append(H(id.Tag ?? "")).Append("</td><td>").Append(id.PullRequest?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "")
                .Append("</td><td>").Append(H(Numbers.Commit(id.Commit))).Append("</td><td>").Append(H(run.Status)).Append("</td><td>")
                .Append(H(string.Join(", ", run.Suites.Select(s => $"{s.Suite} on {s.Target}")))).Append("</td></tr>");
        }

        return html.Append("</table>").ToString();
    }

    private static string H(string text) => WebUtility.HtmlEncode(text);
}
