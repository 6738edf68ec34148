using CiGate.Core.Running;

namespace CiGate.Core.Tests.Running;

public sealed class InputGlobTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "repo");

    [Theory]
    [InlineData("prompts/*.txt", "prompts/a.txt", true)]
    [InlineData("prompts/*.txt", "prompts/sub/a.txt", false)]
    [InlineData("prompts/**/*.txt", "prompts/sub/deep/a.txt", true)]
    [InlineData("prompts/**/*.txt", "prompts/a.txt", true)]
    [InlineData("src/**", "src/app/main.py", true)]
    [InlineData("src/**", "srcx/main.py", false)]
    [InlineData("data/q?.csv", "data/q1.csv", true)]
    [InlineData("data/q?.csv", "data/q10.csv", false)]
    [InlineData("a+b.txt", "a+b.txt", true)]
    public void Matches_relative_to_the_config_folder(string glob, string file, bool expected) =>
        Assert.Equal(expected, new InputGlob(glob, Root).Matches(Path.Combine(Root, file)));
}
