using System.Net;
using System.Text;
using CiGate.Core.History.ChangePoints;

namespace CiGate.Core.History.Rendering;

/// <summary>A trend as a self-contained HTML page: a chart and a table per target.</summary>
public static class TrendHtml
{
    public static string Render(Trend trend, IReadOnlyList<ChangePoint>? changePoints = null)
    {
        ArgumentNullException.ThrowIfNull(trend);
        var title = $"{trend.Suite} · {trend.Metric}" + (trend.Branch is null ? "" : $" · {trend.Branch}");
        var html = new StringBuilder();
        html.Append(HtmlPage.Open(title));
        html.Append("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>");
        foreach (var series in trend.Series)
        {
            html.Append(HtmlPage.Series(trend.Metric, series, changePoints));
        }

        return html.Append(HtmlPage.Close).ToString();
    }
}
