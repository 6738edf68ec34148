using CiGate.Core.Reporting;

namespace CiGate.Core.Tests.Reporting;

/// <summary>The HTML report renders in a real browser: headless Chromium takes a screenshot.</summary>
public sealed class HtmlScreenshotTests
{

    [Fact]
    public async Task Fail_report_renders_with_its_red_banner()
    {
        HeadlessChromium.SkipUnlessInstalled();

        // arrange
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("cigate-shot-");
        try
        {
            var html = Path.Combine(folder.FullName, "report.html");
            var png = Path.Combine(folder.FullName, "report.png");
            await File.WriteAllTextAsync(html, ReportRenderer.Render(ReportFixtures.Get("fail"), new ReportOptions()).Html, ct);

            // act
            var (exitCode, log) = await HeadlessChromium.ScreenshotAsync(html, png, Path.Combine(folder.FullName, "profile"), ct);

            // assert
            Assert.True(File.Exists(png), $"chromium exited with {exitCode} and wrote no screenshot:\n{log}");
            var bytes = await File.ReadAllBytesAsync(png, ct);
            File.Copy(png, "/tmp/cigate-report.png", overwrite: true);
            Assert.Equal(PngImage.Signature, bytes[..8]);
            var image = PngImage.Decode(bytes);
            Assert.Equal((1200, 1600), (image.Width, image.Height));

            var pixels = image.Width * image.Height;
            var inked = image.Count((r, g, b) => r < 240 || g < 240 || b < 240);
            Assert.InRange(inked, pixels / 20, pixels * 3 / 4);

            // The banner is #cf222e (207, 34, 46) across the full width at the top.
            static bool Red(byte r, byte g, byte b) => Math.Abs(r - 207) <= 6 && Math.Abs(g - 34) <= 6 && Math.Abs(b - 46) <= 6;
            Assert.True(image.Count(Red) >= image.Width * 40, "the red verdict banner is missing");
            Assert.True(Red(image.Pixel(4, 4).R, image.Pixel(4, 4).G, image.Pixel(4, 4).B), $"top-left pixel is {image.Pixel(4, 4)}, not the banner's red");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
