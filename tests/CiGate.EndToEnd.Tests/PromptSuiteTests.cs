using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// examples/prompts as a pull request would run it: the base prompt and the changed prompt, each
/// against the scripted simulator, then compare. The change breaks two cases and fixes one.
/// </summary>
public sealed class PromptSuiteTests
{
    [Fact]
    public async Task The_example_prompt_change_breaks_two_cases_and_fixes_one()
    {
        using var folder = new TempFolder();
        var example = Path.Combine(Repository.Root(), "examples", "prompts");
        var baseDir = Copy(example, folder.File("base"));
        var headDir = Copy(example, folder.File("head"));
        File.Copy(Path.Combine(example, "prompts", "answer.base.txt"), Path.Combine(baseDir, "prompts", "answer.txt"), overwrite: true);

        var baseRun = await CigateProcess.RunAsync(baseDir, null, "run", "cigate.yml", "--out", folder.File("rb"), "--quiet");
        var headRun = await CigateProcess.RunAsync(headDir, null, "run", "cigate.yml", "--out", folder.File("rh"), "--quiet");
        var compare = await CigateProcess.RunAsync(folder.Path, null, "compare", "--base", folder.File("rb"), "--head", folder.File("rh"), "--out", folder.File("cmp"));

        Assert.True(baseRun.ExitCode == 0, baseRun.ToString());
        Assert.True(headRun.ExitCode == 0, headRun.ToString());
        Assert.True(compare.ExitCode == 1, compare.ToString());
        var comment = await File.ReadAllTextAsync(folder.File("cmp/comment.md"), TestContext.Current.CancellationToken);
        Assert.Equal(2, comment.Split("🔻 regressed").Length - 1);
        Assert.Equal(1, comment.Split("🔺 fixed").Length - 1);
        GoldenComment.Check("prompts-example.comment.md", comment);
    }

    private static string Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return to;
    }
}
