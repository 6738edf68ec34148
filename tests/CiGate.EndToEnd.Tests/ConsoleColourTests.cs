using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// The console in colour, with the real tool: asked for (<c>CIGATE_COLOR=always</c>, as at a
/// terminal) the verdicts are coloured and the failing cases form a table naming each case;
/// <c>never</c> and a redirected stream give the plain lines; a diagnostic stays one line.
/// </summary>
public sealed class ConsoleColourTests
{
    private const string Red = "\u001b[1;91m";

    [Fact]
    public async Task Asked_for_colour_the_gate_colours_its_verdicts_and_tabulates_every_failing_case()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("script.yaml"), """
            - match: /Mention CompetitorAir[\s\S]*flight/
              reply: "Both SkyFly and CompetitorAir fly to Lisbon; CompetitorAir is cheaper."
            - match: flight
              reply: "SkyFly flies to Lisbon twice a day."
            """);
        var config = """
            targets:
              sim: { model: travel-bot, simulator: { scripts: [script.yaml] } }
            suites:
              travel:
                kind: prompts
                prompts:
                  - { id: short, text: "EDIT Answer briefly. {{ question }}" }
                  - { id: formal, text: "EDIT Answer formally. {{ question }}" }
                tests:
                  - description: no competitor mentions
                    vars: { question: "Is there a flight to Lisbon?" }
                    assert: [ { type: not-icontains, value: CompetitorAir } ]
            """;
        File.WriteAllText(folder.File("base.yml"), config.Replace("EDIT ", "", StringComparison.Ordinal));
        File.WriteAllText(folder.File("head.yml"), config.Replace("EDIT ", "Mention CompetitorAir. ", StringComparison.Ordinal));
        Assert.Equal(0, (await CigateProcess.RunAsync(folder.Path, null, "run", "base.yml", "--out", folder.File("rb"), "--quiet")).ExitCode);
        Assert.Equal(0, (await CigateProcess.RunAsync(folder.Path, null, "run", "head.yml", "--out", folder.File("rh"), "--quiet")).ExitCode);
        string[] compare = ["compare", "--base", folder.File("rb"), "--head", folder.File("rh"), "--out", folder.File("cmp")];

        var coloured = await CigateProcess.RunWithAsync(folder.Path, new Dictionary<string, string?> { ["CIGATE_COLOR"] = "always", ["NO_COLOR"] = null }, compare);
        var never = await CigateProcess.RunWithAsync(folder.Path, new Dictionary<string, string?> { ["CIGATE_COLOR"] = "never" }, compare);
        var plain = await CigateProcess.RunAsync(folder.Path, null, compare);

        Assert.True(coloured.ExitCode == 1, coloured.ToString());
        Assert.StartsWith($"cigate compare: {Red}fail\u001b[0m", coloured.Stdout, StringComparison.Ordinal);
        Assert.Contains($"  {Red}fail\u001b[0m         travel on sim", coloured.Stdout, StringComparison.Ordinal);
        Assert.Contains("╭", coloured.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, Count(coloured.Stdout, $"{Red}newly failing\u001b[0m"));
        foreach (var variant in new[] { "short", "formal" })
        {
            Assert.Matches($@"no-competitor-mentions-[0-9a-f]+@{variant}", coloured.Stdout);
        }

        foreach (var result in new[] { never, plain })
        {
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.DoesNotContain("\u001b[", result.Stdout, StringComparison.Ordinal);
            Assert.StartsWith("cigate compare: fail\n  fail         travel on sim", result.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            Assert.Equal(2, Count(result.Stdout, "newly failing: travel on sim: no competitor mentions"));
        }
    }

    [Fact]
    public async Task A_coloured_diagnostic_is_red_and_stays_one_line()
    {
        using var folder = new TempFolder();
        var missing = folder.File(new string('x', 200) + ".yml"); // longer than any console width

        var result = await CigateProcess.RunWithAsync(folder.Path, new Dictionary<string, string?> { ["CIGATE_COLOR"] = "always" }, "validate", missing);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.Stderr.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("\u001b[91m", line, StringComparison.Ordinal);
        Assert.Contains("CIGATE0006", line, StringComparison.Ordinal);
        Assert.Contains(missing, line, StringComparison.Ordinal);
    }

    private static int Count(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
