using CiGate.Core.Targets.Exec;

namespace CiGate.Core.Tests.Targets.Exec;

public sealed class CommandLineSplitterTests
{
    [Theory]
    [InlineData("python3 app.py", new[] { "python3", "app.py" })]
    [InlineData("  python3   -u\tapp.py  ", new[] { "python3", "-u", "app.py" })]
    [InlineData("node 'my app.js' --name \"a \\\"b\\\" c\"", new[] { "node", "my app.js", "--name", "a \"b\" c" })]
    [InlineData("echo a\\ b '$HOME' \"$HOME\"", new[] { "echo", "a b", "$HOME", "$HOME" })]
    [InlineData("x ''", new[] { "x", "" })]
    [InlineData("a'b'\"c\"d", new[] { "abcd" })]
    public void Splits_like_a_shell_without_expanding(string text, string[] expected) =>
        Assert.Equal(expected, CommandLineSplitter.Split(text, out _));

    [Theory]
    [InlineData("python3 'app.py", "an unclosed single quote")]
    [InlineData("python3 \"app.py", "an unclosed double quote")]
    [InlineData("python3 app.py\\", "a backslash at the end")]
    public void Reports_what_cannot_be_split(string text, string problem)
    {
        Assert.Null(CommandLineSplitter.Split(text, out var found));
        Assert.Equal(problem, found);
    }
}
