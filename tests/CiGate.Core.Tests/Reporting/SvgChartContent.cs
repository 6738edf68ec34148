using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CiGate.Core.Tests.Reporting;

/// <summary>
/// An inline SVG chart read as XML, for tests that check what a chart shows (texts, hover titles,
/// lines, error bars) rather than the bytes ScottPlot lays out.
/// </summary>
internal sealed partial class SvgChartContent
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private SvgChartContent(XElement root) => Root = root;

    public XElement Root { get; }

    /// <summary>Every text element's content, in document order (ticks, axis labels, legend, overlay labels).</summary>
    public IReadOnlyList<string> Texts => [.. Root.Descendants(Svg + "text").Select(t => t.Value)];

    /// <summary>The hover texts (<c>&lt;title&gt;</c>) of the marks.</summary>
    public IReadOnlyList<string> Titles => [.. Root.Descendants(Svg + "title").Select(t => t.Value)];

    /// <summary>The centres of the transparent hover dots, one per data point.</summary>
    public IReadOnlyList<(double X, double Y)> HoverDots => [.. Root.Descendants(Svg + "circle")
        .Where(c => (string?)c.Attribute("fill") == "transparent")
        .Select(c => (D(c.Attribute("cx")!.Value), D(c.Attribute("cy")!.Value)))];

    /// <summary>The first chart (an <c>&lt;svg&gt;</c> element) whose opening tag contains <paramref name="marker"/>.</summary>
    public static SvgChartContent Find(string html, string marker)
    {
        foreach (Match match in Chart().Matches(html))
        {
            if (match.Value[..match.Value.IndexOf('>', StringComparison.Ordinal)].Contains(marker, StringComparison.Ordinal))
            {
                return new SvgChartContent(XElement.Parse(match.Value));
            }
        }

        throw new InvalidOperationException($"no <svg> with {marker} in the page");
    }

    /// <summary>Stroked paths of one colour (ScottPlot writes it in capitals) and width, as their vertex lists.</summary>
    public IReadOnlyList<IReadOnlyList<(double X, double Y)>> Paths(string color, string width, bool translucent = false) => [.. Root
        .Descendants(Svg + "path")
        .Where(p => string.Equals((string?)p.Attribute("stroke"), color, StringComparison.OrdinalIgnoreCase)
            && (string?)p.Attribute("stroke-width") == width && (p.Attribute("stroke-opacity") is not null) == translucent)
        .Select(p => (IReadOnlyList<(double X, double Y)>)[.. Vertex().Matches(p.Attribute("d")!.Value)
            .Select(m => (D(m.Groups[1].Value), D(m.Groups[2].Value)))])];

    /// <summary>How many separate strokes (move-to commands) the paths of that colour and width hold.</summary>
    public int Strokes(string color, string width, bool translucent = false) => Root.Descendants(Svg + "path")
        .Where(p => string.Equals((string?)p.Attribute("stroke"), color, StringComparison.OrdinalIgnoreCase)
            && (string?)p.Attribute("stroke-width") == width && (p.Attribute("stroke-opacity") is not null) == translucent)
        .Sum(p => p.Attribute("d")!.Value.Count(c => c == 'M'));

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex("<svg[ >].*?</svg>", RegexOptions.Singleline)]
    private static partial Regex Chart();

    [GeneratedRegex(@"[ML](-?[\d.]+) (-?[\d.]+)")]
    private static partial Regex Vertex();
}
