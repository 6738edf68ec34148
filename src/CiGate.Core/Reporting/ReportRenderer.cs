using System.Text;
using CiGate.Core.Diagnostics;
using CiGate.Core.Gating;

namespace CiGate.Core.Reporting;

/// <summary>
/// Renders a gate result as a PR comment and a job summary (Markdown), a self-contained HTML
/// report and JUnit XML, from the embedded Scriban templates or the user's overrides.
/// Same inputs, same bytes.
/// </summary>
public static class ReportRenderer
{
    /// <summary>GitHub's limit for a step summary is 1 MiB.</summary>
    public const int MaxSummaryBytes = 1024 * 1024;

    /// <summary>Flip rows in the PR comment at most (regressions first); the HTML report lists them all.</summary>
    public const int MaxCommentFlipRows = 200;

    /// <summary>Failing test cases named in the PR comment at most (newly failing first); the rest are counted, and listed in the HTML report.</summary>
    public const int MaxCommentFailureRows = 100;

    /// <summary>Flip rows in the job summary at most.</summary>
    public const int MaxSummaryFlipRows = 1000;

    public const string CommentFile = "comment.md";
    public const string SummaryFile = "summary.md";
    public const string HtmlFile = "report.html";
    public const string JUnitFile = "junit.xml";

    /// <exception cref="CiGateException">A user template does not parse or fails to render (CIGATE0201-0203), or an option is invalid.</exception>
    public static RenderedReports Render(GateResult result, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        var marker = MarkerLine(options.CommentMarker);
        if (options.MaxCommentCharacters < 1_000)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.Usage, $"the comment limit must be at least 1000 characters, not {options.MaxCommentCharacters}"));
        }

        var templates = TemplateSet.Open(options.TemplateDirectory);
        var commentTemplate = templates.Parse(TemplateSet.Comment);
        var summaryTemplate = templates.Parse(TemplateSet.Summary);
        var htmlTemplate = templates.Parse(TemplateSet.Html);
        var junitTemplate = templates.Parse(TemplateSet.JUnit);

        var markdown = ReportModelBuilder.Build(result, ReportFormat.Markdown, options.FullReportLink);

        // The marker is how the GitHub adapter finds its comment to update: a user template
        // that leaves it out still gets it.
        string RenderComment(ReportModel model)
        {
            var text = templates.Render(commentTemplate, model);
            return text.StartsWith(marker + "\n", StringComparison.Ordinal) ? text : marker + "\n" + text;
        }

        var comment = ReportFitter.Fit(markdown with { MarkerLine = marker }, RenderComment, s => s.Length, options.MaxCommentCharacters, MaxCommentFlipRows, MaxCommentFailureRows);
        var summary = ReportFitter.Fit(markdown, m => templates.Render(summaryTemplate, m), Encoding.UTF8.GetByteCount, MaxSummaryBytes, MaxSummaryFlipRows);
        var html = templates.Render(htmlTemplate, ReportModelBuilder.Build(result, ReportFormat.Html, options.FullReportLink));
        var junit = templates.Render(junitTemplate, ReportModelBuilder.Build(result, ReportFormat.Xml, options.FullReportLink));
        return new RenderedReports(comment, summary, html, junit);
    }

    /// <summary>Writes comment.md, summary.md, report.html and junit.xml (UTF-8, no BOM) into <paramref name="folder"/>.</summary>
    public static async Task WriteAsync(RenderedReports reports, string folder, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reports);
        Directory.CreateDirectory(folder);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        await File.WriteAllTextAsync(Path.Combine(folder, CommentFile), reports.PrComment, utf8, ct);
        await File.WriteAllTextAsync(Path.Combine(folder, SummaryFile), reports.JobSummary, utf8, ct);
        await File.WriteAllTextAsync(Path.Combine(folder, HtmlFile), reports.Html, utf8, ct);
        await File.WriteAllTextAsync(Path.Combine(folder, JUnitFile), reports.JUnitXml, utf8, ct);
    }

    /// <summary>The hidden first line of the PR comment for <paramref name="marker"/>.</summary>
    public static string MarkerLine(string marker)
    {
        // The marker sits inside an HTML comment: "--" or ">" would end it early.
        if (string.IsNullOrEmpty(marker) || marker.Contains("--", StringComparison.Ordinal)
            || !marker.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/'))
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.Usage, $"comment marker '{marker}' may only hold letters, digits and - _ . : / (no \"--\")"));
        }

        return $"<!-- cigate:comment:{marker} -->";
    }
}
