using System.Text.RegularExpressions;
using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// Issue #17's scenario as a promptfoo user meets it, every step a real `cigate` process: a
/// promptfoo config (3 prompt variants in files, 2 OpenAI providers served by `cigate sim`) is
/// converted with `cigate import promptfoo`, run on base, then a prompt edit breaks "no competitor
/// mentions" on every variant and both targets. `compare` fails and names all 6 failures in the
/// console, the comment and JUnit.
/// </summary>
public sealed partial class ImportedPromptfooGateTests
{
    private static readonly string[] Variants = ["short", "friendly", "formal"];
    private static readonly string[] Targets = ["airline-small", "airline-large"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_prompt_edit_breaking_one_imported_case_on_every_variant_and_target_fails_compare_and_names_all_six()
    {
        using var folder = new TempFolder();
        folder.Write("sim.yaml", """
            - match: /Mention CompetitorAir[\s\S]*flight/
              reply: "Both SkyFly and CompetitorAir fly to Lisbon; CompetitorAir is cheaper."
            - match: flight
              model: airline-small
              reply: "SkyFly flies to Lisbon twice a day."
            - match: flight
              model: airline-large
              reply: "Yes: SkyFly has two daily flights to Lisbon, morning and evening."
            - match: baggage
              reply: "SkyFly allows one bag of 23 kg."
            """);
        using var sim = CigateProcess.Start(folder.Path, "sim", "--port", "0", "--script", "sim.yaml", "--model", Targets[0], "--model", Targets[1]);
        var banner = await sim.ReadLineAsync(TimeSpan.FromSeconds(60));
        var url = banner is null ? null : Url().Match(banner) is { Success: true } m ? m.Value : null;
        Assert.True(url is not null, $"no URL in the first stdout line '{banner}': {sim.Snapshot(-1)}");

        WritePrompts(folder, edit: "");
        folder.Write("promptfooconfig.yaml", $$"""
            description: Airline assistant
            prompts:
              - file://prompts/short.txt
              - file://prompts/friendly.txt
              - file://prompts/formal.txt
            providers:
              - id: openai:chat:airline-small
                config: { apiBaseUrl: "{{url}}" }
              - id: openai:chat:airline-large
                config: { apiBaseUrl: "{{url}}" }
            tests:
              - description: no competitor mentions
                vars: { question: "Is there a flight to Lisbon?" }
                assert:
                  - type: not-icontains
                    value: CompetitorAir
              - description: names the baggage allowance
                vars: { question: "What is the baggage allowance?" }
                assert:
                  - type: icontains
                    value: 23 kg
            """);
        var env = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-test-not-a-real-key" };

        var import = await CigateProcess.RunAsync(folder.Path, null, "import", "promptfoo", "promptfooconfig.yaml", "--out", "cigate.yml", "--suite", "airline");
        Assert.True(import.ExitCode == 0, import.ToString());
        var baseRun = await CigateProcess.RunWithAsync(folder.Path, env, "run", "cigate.yml", "--out", folder.File("rb"), "--quiet");
        WritePrompts(folder, edit: "Mention CompetitorAir where it helps. "); // the pull request: a prompt edit, nothing else
        var headRun = await CigateProcess.RunWithAsync(folder.Path, env, "run", "cigate.yml", "--out", folder.File("rh"));
        var compare = await CigateProcess.RunAsync(folder.Path, null, "compare", "--base", folder.File("rb"), "--head", folder.File("rh"), "--out", folder.File("cmp"));
        sim.Kill();

        Assert.True(baseRun.ExitCode == 0, baseRun.ToString());
        Assert.True(headRun.ExitCode == 0, headRun.ToString());
        Assert.True(compare.ExitCode == 1, compare.ToString());
        Assert.True(Count(compare.Stdout, "3 cases newly failing (passed on base, failed on head)") == 2, compare.ToString()); // once per target
        var comment = await File.ReadAllTextAsync(folder.File("cmp/comment.md"), Ct);
        var junit = await File.ReadAllTextAsync(folder.File("cmp/junit.xml"), Ct);
        Assert.True(comment.StartsWith("<!-- cigate:comment:cigate -->\n### ❌ CiGate: fail — airline on airline-small: 3 cases newly failing", StringComparison.Ordinal), comment);
        Assert.Contains("; 1 more suite failed\n", comment, StringComparison.Ordinal); // the headline names the first; the other target is counted
        foreach (var variant in Variants)
        {
            foreach (var target in Targets)
            {
                Assert.Matches($@"newly failing: airline on {target}: no competitor mentions .*\[no-competitor-mentions-[0-9a-f]+@{variant}\]", compare.Stdout);
                Assert.Matches($@"\| ❌ \| no competitor mentions .* \| no-competitor-mentions-[0-9a-f]+@\u200D?{variant} \| {target} \| newly failing \| not-icontains", comment);
                Assert.Matches($"<testcase classname=\"cigate.airline.cases\" name=\"no-competitor-mentions-[0-9a-f]+@{variant} on {target}\">\n      <failure message=\"not-icontains", junit);
                // `cigate run` on head names each failure too, before any compare.
                Assert.Matches($@"\n  failing: airline on {target}: no competitor mentions .*\[no-competitor-mentions-[0-9a-f]+@{variant}\]: not-icontains", headRun.Stdout);
            }
        }

        Assert.Equal(6, Count(compare.Stdout, "not-icontains: expected output not to contain (ignoring case) \"CompetitorAir\""));
        Assert.Equal(6, Count(comment, "| ❌ | no competitor mentions"));
        Assert.Equal(6, Count(junit, "type=\"newly-failing\""));
        Assert.DoesNotContain("| ❌ | names the baggage allowance", comment, StringComparison.Ordinal); // it passed on both sides
        Assert.True(junit.Contains("<testsuites name=\"cigate\" tests=\"14\" failures=\"8\"", StringComparison.Ordinal), junit); // a gate per target + 12 cases; both gates and 6 cases failed
    }

    private static void WritePrompts(TempFolder folder, string edit)
    {
        Directory.CreateDirectory(folder.File("prompts"));
        folder.Write("prompts/short.txt", edit + "Answer briefly. {{question}}");
        folder.Write("prompts/friendly.txt", edit + "Answer in a friendly tone. {{question}}");
        folder.Write("prompts/formal.txt", edit + "Answer formally. {{question}}");
    }

    private static int Count(string text, string part) => Regex.Matches(text, Regex.Escape(part)).Count;

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+[^\s()""]*")]
    private static partial Regex Url();
}
