using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;
using SkiaSharp;

namespace CiGate.Core.History.Rendering;

/// <summary>
/// What the HTML charts share on top of ScottPlot: one embedded typeface (so a chart lays its text
/// out the same on every machine, and still has text on one with no fonts at all), the SVG made fit
/// to sit inline in a page (no XML declaration, a viewBox, a role and an aria-label), and overlay
/// marks at ScottPlot's pixels for what its SVG has no hook for: a hover text per point or rule and
/// labels in the browser's font (release tags and break reasons can be any text).
/// Only code that draws a chart calls in here, so SkiaSharp loads when a chart is drawn and never
/// on a command that draws none.
/// </summary>
internal static partial class ChartSvg
{
    /// <summary>The family the charts ask ScottPlot for; the embedded font answers to it.</summary>
    public const string FontName = "CiGate Chart Sans";

    /// <summary>What the SVG names instead of the typeface: its own family first, then look-alikes.</summary>
    public const string FontFamily = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif";

    public const string TextColor = "#57606a";

    private static readonly object Gate = new();
    private static bool registered;

    /// <summary>
    /// The chart <paramref name="draw"/> makes, or, where SkiaSharp's native library does not load
    /// (a platform its package has no build for, or one whose tool package left it out), a line
    /// saying so: the page around it, with its tables, is still written.
    /// </summary>
    public static string DrawOrExplain(Func<string> draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        try
        {
            return draw();
        }
        catch (TypeInitializationException e) when (e.GetBaseException() is DllNotFoundException)
        {
            return "<p class=\"chart-missing\">Chart not drawn: SkiaSharp's native library does not load on "
                + H(System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier) + "; the table has the numbers.</p>";
        }
    }

    /// <summary>A plot in the house style: the embedded font everywhere, white, grey grid and text.</summary>
    public static Plot NewPlot()
    {
        RegisterFont();
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = Color.FromHex("#eaeef2");
        plot.Axes.Color(Color.FromHex(TextColor));
        plot.Axes.Left.Label.Bold = false;
        plot.Axes.Bottom.Label.Bold = false;
        plot.Axes.Left.Label.FontSize = 12;
        plot.Axes.Bottom.Label.FontSize = 12;
        plot.Axes.Left.TickLabelStyle.FontSize = 11;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 11;
        plot.Axes.Left.MinorTickStyle.Length = 0;
        plot.Axes.Bottom.MinorTickStyle.Length = 0;
        plot.Axes.Right.FrameLineStyle.Width = 0;
        plot.Axes.Top.FrameLineStyle.Width = 0;
        plot.Legend.FontSize = 11;
        plot.Legend.FontColor = Color.FromHex(TextColor);
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.OutlineColor = Color.FromHex("#d0d7de");
        return plot;
    }

    /// <summary>
    /// ScottPlot's SVG of <paramref name="plot"/> at the given size, made inline-ready, with the
    /// overlay marks that <paramref name="overlay"/> writes (it runs after layout, so
    /// <see cref="Plot.GetPixel(Coordinates)"/> gives the final pixels).
    /// </summary>
    public static string Render(Plot plot, int width, int height, string ariaLabel, string? cssClass, Action<StringBuilder>? overlay = null)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var drawn = plot.GetSvgXml(width, height);
        var open = drawn.IndexOf('>', drawn.IndexOf("<svg", StringComparison.Ordinal)) + 1;
        var body = drawn[open..drawn.LastIndexOf("</svg>", StringComparison.Ordinal)];
        body = Whitespace().Replace(body.Trim(), "><");
        body = TextContent().Replace(body, "$1$2</text>");
        body = SkiaFamily().Replace(body, $"font-family=\"{FontFamily}\"");
        body = TrailingComma().Replace(body, " $1=\"$2\"");
        // Skia numbers clip paths by a process-wide counter; name them by the chart's content instead,
        // so the same chart is the same text in any process and two charts on a page never share an id.
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        body = ClipId().Replace(body, m => "\u0001" + (order.TryGetValue(m.Value, out var i) ? i : order[m.Value] = order.Count));
        var prefix = "c" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..8] + "-";
        body = body.Replace("\u0001", prefix, StringComparison.Ordinal);
        var svg = new StringBuilder();
        svg.Append("<svg ").Append(cssClass is null ? "" : $"class=\"{cssClass}\" ").Append("xmlns=\"http://www.w3.org/2000/svg\" ");
        svg.Append(CultureInfo.InvariantCulture, $"viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" ");
        svg.Append("role=\"img\" aria-label=\"").Append(WebUtility.HtmlEncode(ariaLabel)).Append("\">");
        svg.Append(body);
        overlay?.Invoke(svg);
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A transparent dot over a data point: invisible, but it carries the point's hover text.</summary>
    public static void HoverDot(StringBuilder svg, Pixel at, string title) =>
        svg.Append(CultureInfo.InvariantCulture,
            $"<circle cx=\"{N(at.X)}\" cy=\"{N(at.Y)}\" r=\"6\" fill=\"transparent\"><title>{H(title)}</title></circle>");

    /// <summary>A transparent band over a vertical rule, wide enough to hover, with the rule's hover text.</summary>
    public static void HoverRule(StringBuilder svg, float x, float top, float bottom, string title) =>
        svg.Append(CultureInfo.InvariantCulture,
            $"<line x1=\"{N(x)}\" x2=\"{N(x)}\" y1=\"{N(top)}\" y2=\"{N(bottom)}\" stroke=\"transparent\" stroke-width=\"8\">"
            + $"<title>{H(title)}</title></line>");

    /// <summary>A transparent band (a row of a chart), with the band's hover text.</summary>
    public static void HoverBand(StringBuilder svg, float x, float y, float width, float height, string title) =>
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(height)}\" fill=\"transparent\">"
            + $"<title>{H(title)}</title></rect>");

    /// <summary>A label in the browser's font (any characters), on a white halo so it reads over lines.</summary>
    public static void Label(StringBuilder svg, float x, float y, string color, string text, string anchor = "middle", int size = 11) =>
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{N(x)}\" y=\"{N(y)}\" font-family=\"{FontFamily}\" font-size=\"{size}\" text-anchor=\"{anchor}\" fill=\"{color}\" "
            + $"stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{H(text)}</text>");

    private static string N(float value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string H(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Adds the embedded typeface to ScottPlot's resolvers, once per process.</summary>
    private static void RegisterFont()
    {
        lock (Gate)
        {
            if (!registered)
            {
                Fonts.FontResolvers.Insert(0, new EmbeddedFont());
                registered = true;
            }
        }
    }

    [GeneratedRegex(@">\s+<")]
    private static partial Regex Whitespace();

    /// <summary>A text element's content without the indentation Skia puts around it.</summary>
    [GeneratedRegex(@"(<text[^>]*>)\s*([^<]*?)\s*</text>")]
    private static partial Regex TextContent();

    [GeneratedRegex("font-family=\"[^\"]*\"")]
    private static partial Regex SkiaFamily();

    /// <summary>Skia ends each glyph position list with ", ", which an SVG list parser may reject.</summary>
    [GeneratedRegex(@" (x|y)=""([^""]*?),\s*""")]
    private static partial Regex TrailingComma();

    [GeneratedRegex(@"\bcl_[0-9a-f]+\b")]
    private static partial Regex ClipId();

    /// <summary>
    /// DejaVu Sans cut down to Latin-1 and a little punctuation (Fonts/LICENSE.txt), embedded: 33 KB.
    /// </summary>
    private sealed class EmbeddedFont : IFontResolver
    {
        private static readonly byte[] Bytes = Load();

        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            fontName == FontName ? SKTypeface.FromData(SKData.CreateCopy(Bytes)) : null;

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            CreateTypeface(
                fontName, bold ? FontWeight.Bold : FontWeight.Normal, italic ? FontSlant.Italic : FontSlant.Upright, FontSpacing.Normal);

        private static byte[] Load()
        {
            using var stream = typeof(ChartSvg).Assembly.GetManifestResourceStream("fonts/DejaVuSans-subset.ttf")
                ?? throw new InvalidOperationException("the chart font is not embedded in CiGate.Core");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
