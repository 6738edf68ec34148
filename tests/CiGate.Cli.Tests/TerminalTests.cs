using CiGate.Cli.Output;

namespace CiGate.Cli.Tests;

/// <summary>When the console gets colour: a terminal does, a redirected stream does not, and the two switches decide.</summary>
public sealed class TerminalTests
{
    [Theory]
    [InlineData(false, null, null, "xterm-256color", true)]   // a terminal
    [InlineData(true, null, null, "xterm-256color", false)]   // redirected: CI logs, pipes
    [InlineData(false, null, "1", "xterm", false)]            // NO_COLOR, any non-empty value
    [InlineData(false, null, "", "xterm", true)]              // an empty NO_COLOR is unset
    [InlineData(false, null, null, "dumb", false)]
    [InlineData(true, "always", null, null, true)]            // asked for: a log viewer that shows colour
    [InlineData(true, "ALWAYS", "1", null, true)]             // asked for by name wins over NO_COLOR
    [InlineData(false, "never", null, "xterm", false)]
    [InlineData(false, "auto", null, "xterm", true)]
    [InlineData(true, "auto", null, "xterm", false)]
    public void Colour_follows_the_terminal_and_the_switches(bool redirected, string? cigateColor, string? noColor, string? term, bool expected) =>
        Assert.Equal(expected, Terminal.Wants(redirected, cigateColor, noColor, term));

    [Fact]
    public void A_writer_that_is_not_the_console_is_never_styled()
    {
        using var writer = new StringWriter();
        Assert.Null(Terminal.Styled(writer));
    }
}
