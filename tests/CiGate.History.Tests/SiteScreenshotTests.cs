using CiGate.Core.History;
using CiGate.Core.History.Rendering;
using CiGate.Core.Tests.Reporting;
using CiGate.History.Tests.Support;

namespace CiGate.History.Tests;

/// <summary>The `history site` dashboard renders in a real browser: headless Chromium takes a screenshot.</summary>
public sealed class SiteScreenshotTests(PostgresServer postgres) : IDisposable
{
    private readonly StoreFactory stores = new(postgres);

    [Fact]
    public async Task The_dashboard_draws_its_trend_line_break_and_shift()
    {
        HeadlessChromium.SkipUnlessInstalled();

        // arrange: 60 runs on main; the model changes at run 20 (a break), accuracy drops at run 40 (a shift)
        var ct = TestContext.Current.CancellationToken;
        await using (var store = await stores.OpenAsync("sqlite", ct))
        {
            var random = new Random(3);
            for (var i = 0; i < 60; i++)
            {
                var value = 0.70 + (i >= 20 ? 0.05 : 0) - (i >= 40 ? 0.03 : 0) + ((random.NextDouble() - 0.5) * 0.008);
                var run = SyntheticRuns.Create($"run-{i:D2}", items: 10, model: i >= 20 ? "model-b" : "model-a", metricValue: value, started: SyntheticRuns.Epoch.AddHours(i));
                var identity = new RunIdentity("o/r", $"{i:D2}c0ffee{i:D2}", i % 15 == 14 ? null : "main", i % 15 == 14 ? $"v1.{i / 15}" : null, ReportUrl: $"https://example.test/runs/{i}/report.html");
                await store.RecordAsync(new HistoryRecord(run, identity, SyntheticRuns.Epoch), ct);
            }
        }

        var site = Path.Combine(stores.Folder, "site");
        var built = await CigateCli.RunAsync("history", "site", "--db", stores.SqlitePath, "--out", site, "--branch", "main");
        Assert.True(built.ExitCode == 0, built.Stderr);
        var html = Path.Combine(site, HistorySite.IndexFile);
        var png = Path.Combine(stores.Folder, "site.png");

        // act
        var (exitCode, log) = await HeadlessChromium.ScreenshotAsync(html, png, Path.Combine(stores.Folder, "profile"), ct);

        // assert
        Assert.True(File.Exists(png), $"chromium exited with {exitCode} and wrote no screenshot:\n{log}");
        var image = PngImage.Decode(await File.ReadAllBytesAsync(png, ct));
        File.Copy(png, "/tmp/cigate-history-site.png", overwrite: true);
        Assert.Equal((1200, 1600), (image.Width, image.Height));
        static bool Near(byte r, byte g, byte b, (int R, int G, int B) c) => Math.Abs(r - c.R) <= 8 && Math.Abs(g - c.G) <= 8 && Math.Abs(b - c.B) <= 8;
        var header = image.Pixel(4, 4);
        Assert.True(Near(header.R, header.G, header.B, (0x24, 0x29, 0x2f)), $"top-left pixel is {header}, not the header's #24292f");
        Assert.True(image.Count((r, g, b) => Near(r, g, b, (0x09, 0x69, 0xda))) > 2_000, "the blue trend line is missing");
        Assert.True(image.Count((r, g, b) => Near(r, g, b, (0xcf, 0x22, 0x2e))) > 300, "the red change-point rule is missing");
        Assert.True(image.Count((r, g, b) => Near(r, g, b, (0x8c, 0x95, 0x9f))) > 200, "the grey break rule is missing");

        var text = await File.ReadAllTextAsync(html, ct);
        Assert.Contains("break: model model-a -&gt; model-b", text, StringComparison.Ordinal);
        Assert.Contains("shift at 40c0ffe", text, StringComparison.Ordinal);
        // Releases cut from the branch are marked on its trend; every point has its 95% interval; ticks are round.
        Assert.Contains("<title>release v1.1</title>", text, StringComparison.Ordinal);
        Assert.True(image.Count((r, g, b) => Near(r, g, b, (0x1a, 0x7f, 0x37))) > 200, "the green release rules are missing");
        // mmlu-pro's 56 points have a standard error (custom-extract is 0 throughout: no bars to draw).
        var chart = SvgChartContent.Find(text, "aria-label=\"exact_match,mmlu-pro on sim\"");
        Assert.Equal(56 * 3, chart.Strokes(SvgChart.LineColor, "1.5", translucent: true));
        Assert.Equal(56, chart.HoverDots.Count);
        Assert.Contains(">mean, with its 95% interval</text>", text, StringComparison.Ordinal);
        Assert.Contains(">0.8</text>", text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.test/runs/44/report.html\">v1.2</a>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => stores.Dispose();
}
