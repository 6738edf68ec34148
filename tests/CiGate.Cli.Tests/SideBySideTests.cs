using CiGate.Cli.Tests.Support;

namespace CiGate.Cli.Tests;

/// <summary>A prompt suite on two targets: the comment lays its cases out side by side, changes first.</summary>
public sealed class SideBySideTests
{
    [Fact]
    public async Task Cases_on_two_targets_are_shown_side_by_side_with_changes_first()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("script.yaml"), """
            - match: capital
              model: small
              reply: Lyon.
            - match: capital
              reply: Paris.
            - match: river
              reply: The Seine.
            """);
        File.WriteAllText(folder.File("base-script.yaml"), """
            - match: capital
              reply: Paris.
            - match: river
              reply: The Seine.
            """);
        await RunAsync(folder, "base-script.yaml", "base");
        await RunAsync(folder, "script.yaml", "head");

        var compare = await CliRunner.RunAsync("compare", "--base", folder.File("base"), "--head", folder.File("head"), "--out", folder.File("cmp"));

        var comment = File.ReadAllText(folder.File("cmp/comment.md"));
        Assert.Contains("chat: 2 cases side by side on 2 targets", comment, StringComparison.Ordinal);
        Assert.Contains("| case | large | small |", comment, StringComparison.Ordinal);
        var rows = comment.Split('\n').Where(l => l.StartsWith("| capital {", StringComparison.Ordinal) || l.StartsWith("| river {", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("| capital", rows[0], StringComparison.Ordinal); // the newly failing case first
        Assert.Contains("| ✔ 100.0% | ❌ 0.0% (was 100.0%) |", rows[0], StringComparison.Ordinal);
        Assert.Contains("| ✔ 100.0% | ✔ 100.0% |", rows[1], StringComparison.Ordinal);
        Assert.Contains("<h2>chat: 2 cases side by side</h2>", File.ReadAllText(folder.File("cmp/report.html")), StringComparison.Ordinal);
        Assert.Equal(1, compare.ExitCode); // the small model's newly failing case fails the gate
    }

    private static async Task RunAsync(TempFolder folder, string script, string outName)
    {
        File.WriteAllText(folder.File($"{outName}.yml"), $$$"""
            targets:
              large: { model: large, simulator: { scripts: [{{{script}}}] } }
              small: { model: small, simulator: { scripts: [{{{script}}}] } }
            suites:
              chat:
                kind: prompts
                prompts: [ { id: p, text: "{{ q }}" } ]
                tests:
                  - { description: capital, vars: { q: "capital of France?" }, assert: [ { type: icontains, value: Paris } ] }
                  - { description: river, vars: { q: "river of Paris?" }, assert: [ { type: icontains, value: Seine } ] }
                gate: { max_newly_failing: 0 }
            """);
        CliAssert.Succeeds(await CliRunner.RunAsync("run", folder.File($"{outName}.yml"), "--out", folder.File(outName), "--quiet"));
    }
}
