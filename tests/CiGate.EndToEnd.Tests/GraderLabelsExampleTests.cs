using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// examples/grader-labels as its README runs it, with the real <c>cigate</c> process: base run, head
/// run, compare. The simulated grader agrees with the shipped labels on 5 of 6 (0.83, kappa 0.57):
/// above min_agreement 0.8 the verdict stands; with 0.9 the suite is inconclusive (exit 3).
/// </summary>
public sealed class GraderLabelsExampleTests
{
    [Fact]
    public async Task The_example_reports_the_grader_against_the_labels_and_a_higher_bar_refuses_it()
    {
        using var folder = new TempFolder();
        var example = Copy(Path.Combine(Repository.Root(), "examples", "grader-labels"), folder.File("example"));

        var runs = new[]
        {
            await RunAsync(example, folder.File("rb")),
            await RunAsync(example, folder.File("rh")),
        };
        var trusted = await CompareAsync(folder, "rh", "cmp");
        var config = Path.Combine(example, "cigate.yml");
        File.WriteAllText(config, File.ReadAllText(config).Replace(
            "min_agreement: 0.8", "min_agreement: 0.9", StringComparison.Ordinal));
        var strict = await RunAsync(example, folder.File("rh2"));
        var refused = await CompareAsync(folder, "rh2", "cmp2");

        Assert.All(runs.Append(strict), r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.True(trusted.ExitCode == 0, trusted.ToString());
        var comment = await File.ReadAllTextAsync(folder.File("cmp/comment.md"), TestContext.Current.CancellationToken);
        Assert.Contains(
            "the grader agrees with people on 0.83 ≥ 0.80 (6 labelled verdicts, Cohen's kappa 0.57)",
            comment, StringComparison.Ordinal);
        GoldenComment.Check("grader-labels-example.comment.md", comment);
        Assert.True(refused.ExitCode == 3, refused.ToString());
        Assert.Contains(
            "grader_labels: the grader is not trusted: agrees with people on 0.83 < 0.90", refused.Stdout,
            StringComparison.Ordinal);
    }

    private static Task<ProcessResult> RunAsync(string dir, string output) =>
        CigateProcess.RunWithAsync(
            dir, new Dictionary<string, string?>(), "run", "cigate.yml", "--out", output, "--quiet");

    private static Task<ProcessResult> CompareAsync(TempFolder folder, string head, string output) =>
        CigateProcess.RunWithAsync(
            folder.Path,
            new Dictionary<string, string?>(),
            "compare", "--base", folder.File("rb"), "--head", folder.File(head), "--out", folder.File(output));

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
