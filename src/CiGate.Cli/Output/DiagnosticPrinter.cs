using CiGate.Core.Diagnostics;
using Spectre.Console;

namespace CiGate.Cli.Output;

/// <summary>
/// Canonical `file(line,col): error CIGATE0001: message` lines (MSBuild and IDEs place them),
/// red at a terminal, plus `::error` workflow commands when running in GitHub Actions so they show on the diff.
/// </summary>
internal static class DiagnosticPrinter
{
    public static void Print(TextWriter stderr, IReadOnlyList<Diagnostic> diagnostics)
    {
        var github = Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true" && Environment.GetEnvironmentVariable("CIGATE_WORKFLOW_COMMANDS") != "0";
        var styled = Terminal.Styled(stderr);
        if (styled is not null)
        {
            styled.Profile.Width = Terminal.NoWrap; // one diagnostic, one line: editors and MSBuild read it by line
        }

        foreach (var diagnostic in diagnostics)
        {
            if (styled is null)
            {
                stderr.WriteLine(diagnostic.ToString());
            }
            else
            {
                styled.Write(new Text(diagnostic.ToString(), Color.Red));
                stderr.WriteLine();
            }

            if (github)
            {
                var place = diagnostic.File is null ? "" : $" file={EscapeProperty(diagnostic.File)},line={diagnostic.Line},col={diagnostic.Column}";
                stderr.WriteLine($"::error{place}::{EscapeData($"{diagnostic.Code}: {diagnostic.Message}")}");
            }
        }

        if (diagnostics.Count > 1)
        {
            stderr.WriteLine($"{diagnostics.Count} errors");
        }
    }

    private static string EscapeData(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string EscapeProperty(string text) =>
        EscapeData(text).Replace(",", "%2C", StringComparison.Ordinal).Replace(":", "%3A", StringComparison.Ordinal);
}
