using Spectre.Console;

namespace CiGate.Cli.Output;

/// <summary>
/// Whether a console stream gets colour, and the Spectre.Console view of it when it does. Colour is
/// for people at a terminal: a redirected stream (CI logs, pipes, the tests' captured output) stays
/// plain text, line for line what it always was, unless <c>CIGATE_COLOR=always</c> asks for it.
/// <c>NO_COLOR</c> (any non-empty value, https://no-color.org) and <c>CIGATE_COLOR=never</c> turn
/// it off; <c>TERM=dumb</c> too.
/// </summary>
internal static class Terminal
{
    /// <summary>The width a styled view of a redirected stream is laid out to (no terminal to ask).</summary>
    public const int RedirectedWidth = 120;

    /// <summary>A width no line reaches, for text that must not be wrapped (a diagnostic is one line).</summary>
    public const int NoWrap = 1_000_000;

    /// <summary>
    /// A Spectre console writing to <paramref name="writer"/> when that is this process's stdout or
    /// stderr and colour is wanted there; otherwise null, and the caller writes plain text.
    /// </summary>
    public static IAnsiConsole? Styled(TextWriter writer)
    {
        bool redirected;
        if (ReferenceEquals(writer, Console.Out))
        {
            redirected = Console.IsOutputRedirected;
        }
        else if (ReferenceEquals(writer, Console.Error))
        {
            redirected = Console.IsErrorRedirected;
        }
        else
        {
            return null; // a StringWriter of a test or of `--json`: never styled
        }

        if (!Wants(redirected, Environment.GetEnvironmentVariable("CIGATE_COLOR"),
                Environment.GetEnvironmentVariable("NO_COLOR"), Environment.GetEnvironmentVariable("TERM")))
        {
            return null;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard, // 16 colours: every terminal and log viewer shows them
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    /// <summary>The decision, apart from the process's streams and environment so it can be tested.</summary>
    public static bool Wants(bool redirected, string? cigateColor, string? noColor, string? term) =>
        cigateColor?.Trim().ToLowerInvariant() switch
        {
            "never" => false,
            "always" => true, // asked for by name: wins over NO_COLOR, as a command-line flag would
            _ => string.IsNullOrEmpty(noColor) && !redirected && term != "dumb",
        };

    /// <summary>The colour of a verdict word (pass, warn, fail, inconclusive, none, error).</summary>
    public static Style VerdictStyle(string verdict) => verdict.ToLowerInvariant() switch
    {
        "pass" => new Style(Color.Green, decoration: Decoration.Bold),
        "warn" => new Style(Color.Yellow, decoration: Decoration.Bold),
        "fail" or "error" => new Style(Color.Red, decoration: Decoration.Bold),
        "inconclusive" => new Style(Color.Fuchsia, decoration: Decoration.Bold),
        _ => new Style(Color.Grey),
    };
}
