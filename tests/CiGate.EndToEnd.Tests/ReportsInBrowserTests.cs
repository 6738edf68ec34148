using System.Text.RegularExpressions;
using CiGate.Core.Tests.Reporting;
using CiGate.EndToEnd.Tests.Support;
using Markdig;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// What a PR author sees, for each suite kind: the starter config of that kind run twice with the
/// real `cigate` process (head changed from base), compared, the comment laid out by a
/// GitHub-flavoured Markdown renderer (Markdig: CommonMark + pipe tables) and both it and
/// report.html rendered by headless Chromium. Then the numbers nobody can read must be absent:
/// a row of n/a, p=0, a zero-width [0.0, 0.0] interval, a chart without a legend.
/// </summary>
public sealed partial class ReportsInBrowserTests
{
    private static readonly MarkdownPipeline Gfm = new MarkdownPipelineBuilder().UsePipeTables().UseAutoLinks().UseTaskLists().Build();

    [Theory]
    [InlineData("accuracy")]
    [InlineData("prompts")]
    [InlineData("safety")]
    [InlineData("perf")]
    public async Task The_comment_and_the_html_report_read_cleanly(string kind)
    {
        HeadlessChromium.SkipUnlessInstalled();
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var init = await CigateProcess.RunAsync(folder.Path, null, "init", "--kind", kind);
        Assert.True(init.ExitCode == 0, init.ToString());

        await RunAsync(folder, "base", TimeSpan.FromMinutes(3));
        await ChangeAsync(folder, kind, ct);
        await RunAsync(folder, "head", TimeSpan.FromMinutes(3));
        var compare = await CigateProcess.RunAsync(folder.Path, null, "compare", "--base", "base", "--head", "head", "--out", "cmp");
        // Pass, fail, or inconclusive (perf on a loaded machine can flag too many first tokens): all render reports.
        Assert.True(compare.ExitCode is 0 or 1 or 3, compare.ToString());

        var comment = await File.ReadAllTextAsync(folder.File("cmp/comment.md"), ct);
        var html = await File.ReadAllTextAsync(folder.File("cmp/report.html"), ct);
        foreach (var (name, raw) in new[] { ("comment.md", comment), ("report.html", html), ("console", compare.Stdout) })
        {
            var text = System.Net.WebUtility.HtmlDecode(raw); // the comment escapes [ and ] as &#91; &#93;
            Assert.DoesNotMatch(AllNotAvailable(), text);
            Assert.DoesNotMatch(PZero(), text);
            Assert.False(text.Contains("[0.0, 0.0]", StringComparison.Ordinal) || text.Contains("[0.00, 0.00]", StringComparison.Ordinal), $"{name} has a zero-width interval");
            Assert.DoesNotContain("| n/a |", text, StringComparison.Ordinal);
        }

        if (kind == "perf")
        {
            Assert.Contains("base (grey) vs head (blue)", comment, StringComparison.Ordinal);
            Assert.Contains("plotColorPalette", comment, StringComparison.Ordinal);
            Assert.Matches(@"<svg class=""perf-curve""[^>]*>.*>base</text>.*>head</text>", html);
        }

        var page = folder.File("comment.html");
        await File.WriteAllTextAsync(page, Page(Markdown.ToHtml(comment, Gfm)), ct);
        await Screenshot(folder, page, $"{kind}-comment.png", ct);
        await Screenshot(folder, folder.File("cmp/report.html"), $"{kind}-report.png", ct);
    }

    private static async Task RunAsync(TempFolder folder, string output, TimeSpan timeout)
    {
        var run = await CigateProcess.RunAsync(folder.Path, timeout, "run", "--quiet", "--out", output);
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    /// <summary>What the pull request changes, per kind: the model, the prompt, the seed, the server's speed.</summary>
    private static async Task ChangeAsync(TempFolder folder, string kind, CancellationToken ct)
    {
        var config = folder.File("cigate.yml");
        var text = await File.ReadAllTextAsync(config, ct);
        text = kind switch
        {
            "accuracy" => text.Replace("accuracy: 0.8, seed: 1", "accuracy: 0.65, seed: 1", StringComparison.Ordinal),
            "safety" => text.Replace("seed: 1", "seed: 2", StringComparison.Ordinal),
            "perf" => text.Replace("itl: 5ms", "itl: 7ms", StringComparison.Ordinal),
            _ => text,
        };
        await File.WriteAllTextAsync(config, text, ct);
        if (kind == "prompts")
        {
            // The starter's base prompt is prompts/answer.base.txt: make it the pull request's change.
            var head = await File.ReadAllTextAsync(folder.File("prompts/answer.base.txt"), ct);
            await File.WriteAllTextAsync(folder.File("prompts/answer.txt"), head, ct);
        }
    }

    private static async Task Screenshot(TempFolder folder, string html, string name, CancellationToken ct)
    {
        var png = folder.File(name);
        var (exitCode, log) = await HeadlessChromium.ScreenshotAsync(html, png, folder.File("profile-" + name), ct);
        Assert.True(File.Exists(png), $"chromium exited with {exitCode} and wrote no screenshot:\n{log}");
        var image = PngImage.Decode(await File.ReadAllBytesAsync(png, ct));
        var inked = image.Count((r, g, b) => r < 240 || g < 240 || b < 240);
        Assert.True(inked > image.Width * image.Height / 200, $"{name} is close to blank ({inked} inked pixels)");
        // Kept for a person to look at: /tmp/cigate-screenshots/KIND-comment.png, KIND-report.png.
        File.Copy(png, Path.Combine(Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cigate-screenshots")).FullName, name), overwrite: true);
    }

    private static string Page(string body) => $$"""
        <!doctype html><html><head><meta charset="utf-8"><style>
        body{font-family:sans-serif;font-size:14px;max-width:1100px;margin:20px auto}
        table{border-collapse:collapse}th,td{border:1px solid #d0d7de;padding:4px 10px}
        </style></head><body>{{body}}</body></html>
        """;

    /// <summary>A table row whose every number is n/a.</summary>
    [GeneratedRegex(@"(\|\s*n/a\s*){3,}\|")]
    private static partial Regex AllNotAvailable();

    [GeneratedRegex(@"\bp\s*=\s*0(?![.\d])")]
    private static partial Regex PZero();
}
