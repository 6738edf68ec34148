using CiGate.Core.History;
using CiGate.Core.History.Rendering;

namespace CiGate.History.Tests;

/// <summary>Breaks in what was measured show in every trend format and are never bridged by a line.</summary>
public sealed class TrendRenderingTests
{
    private static readonly TrendQuery Query = new("mmlu-pro", "exact_match,mmlu-pro", "main");

    [Fact]
    public void A_dataset_change_starts_a_new_segment_with_its_reason()
    {
        var trend = Trend.Build(Query, Points());

        var segments = Assert.Single(trend.Series).Segments;
        Assert.Equal([2, 2], segments.Select(s => s.Points.Count));
        Assert.Empty(segments[0].BreakReasons);
        Assert.Equal(["dataset changed", "prompt template changed"], segments[1].BreakReasons);
    }

    [Fact]
    public void Text_marks_the_break_between_the_rows()
    {
        var text = TrendText.Render(Trend.Build(Query, Points()));

        var lines = text.Split('\n');
        var breakLine = Array.FindIndex(lines, l => l.Contains("-- break: dataset changed; prompt template changed", StringComparison.Ordinal));
        Assert.True(breakLine > 0, text);
        Assert.StartsWith("  c2", lines[breakLine - 1], StringComparison.Ordinal);
        Assert.StartsWith("  v1.4", lines[breakLine + 1], StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_draws_one_mermaid_chart_per_segment()
    {
        var md = TrendMarkdown.Render(Trend.Build(Query, Points()));

        Assert.Equal(2, md.Split("```mermaid\nxychart-beta\n").Length - 1);
        Assert.Contains("  line [0.7000, 0.7100]\n", md, StringComparison.Ordinal);
        Assert.Contains("  line [0.6000, 0.6100]\n", md, StringComparison.Ordinal);
        Assert.Contains("| **break** | dataset changed; prompt template changed |", md, StringComparison.Ordinal);
        Assert.Contains("  x-axis [\"v1.4\", \"c4\"]\n", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_draws_one_line_per_segment_and_escapes_labels()
    {
        var points = Points();
        points[0] = points[0] with { Identity = points[0].Identity with { Tag = "<script>alert(1)</script>" } };

        var html = TrendHtml.Render(Trend.Build(Query, points));

        Assert.Equal(2, html.Split("<polyline").Length - 1);
        Assert.Contains("stroke-dasharray", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Identity_from_github_actions_environment()
    {
        var push = RunIdentityResolver.FromEnvironment(new Dictionary<string, string?>
        {
            ["GITHUB_REPOSITORY"] = "o/r", ["GITHUB_SHA"] = "abc", ["GITHUB_REF"] = "refs/heads/main", ["GITHUB_REF_NAME"] = "main", ["GITHUB_REF_TYPE"] = "branch",
            ["GITHUB_RUN_ID"] = "42", ["GITHUB_SERVER_URL"] = "https://github.com", ["RUNNER_NAME"] = "gpu-1", ["RUNNER_OS"] = "Linux",
        }.GetValueOrDefault);
        var tag = RunIdentityResolver.FromEnvironment(new Dictionary<string, string?> { ["GITHUB_REF"] = "refs/tags/v1.4", ["GITHUB_REF_NAME"] = "v1.4", ["GITHUB_REF_TYPE"] = "tag" }.GetValueOrDefault);
        var pr = RunIdentityResolver.FromEnvironment(new Dictionary<string, string?> { ["GITHUB_REF"] = "refs/pull/123/merge", ["GITHUB_HEAD_REF"] = "fix-x" }.GetValueOrDefault);

        Assert.Equal(new RunIdentity("o/r", "abc", "main", null, null, "gpu-1 (Linux)", "https://github.com/o/r/actions/runs/42"), push);
        Assert.Equal(new RunIdentity(Tag: "v1.4"), tag);
        Assert.Equal(new RunIdentity(Branch: "fix-x", PullRequest: 123), pr);
        Assert.Equal(push with { Commit = "def", Tag = "v2" }, push.With(new RunIdentity(Commit: "def", Tag: "v2")));
    }

    private static List<SeriesPoint> Points()
    {
        var a = new MeasurementIdentity("m", "d1", "p1", "def");
        var b = a with { DatasetSha256 = "d2", PromptTemplateHash = "p2" };
        var t0 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        return
        [
            new("r1", new RunIdentity(Commit: "c1", Branch: "main"), t0, "sim", a, 0.70, 0.01, 1000),
            new("r2", new RunIdentity(Commit: "c2", Branch: "main"), t0.AddDays(1), "sim", a, 0.71, 0.01, 1000),
            new("r3", new RunIdentity(Commit: "c3", Tag: "v1.4"), t0.AddDays(2), "sim", b, 0.60, 0.01, 1000),
            new("r4", new RunIdentity(Commit: "c4", Branch: "main"), t0.AddDays(3), "sim", b, 0.61, 0.01, 1000),
        ];
    }
}
