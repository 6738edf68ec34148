using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// The gate of test-case suites, with the real tool and the simulator: a prompt edit that breaks
/// one case on every prompt variant fails the gate; a leaked canary fails it even when base leaked
/// too; a flaky case warns. Every failing case is named in the console, the comment, the job
/// summary, report.html and JUnit.
/// </summary>
public sealed class CaseGateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_prompt_edit_that_breaks_one_case_on_three_prompt_variants_fails_and_names_the_three()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("script.yaml"), """
            - match: /Mention CompetitorAir[\s\S]*flight/
              reply: "Both SkyFly and CompetitorAir fly to Lisbon; CompetitorAir is cheaper."
            - match: flight
              reply: "SkyFly flies to Lisbon twice a day."
            - match: baggage
              reply: "SkyFly allows one bag of 23 kg."
            """);
        var config = """
            targets:
              sim: { model: travel-bot, simulator: { scripts: [script.yaml] } }
            suites:
              travel:
                kind: prompts
                prompts:
                  - { id: short, text: "EDIT Answer briefly. {{ question }}" }
                  - { id: friendly, text: "EDIT Answer in a friendly tone. {{ question }}" }
                  - { id: formal, text: "EDIT Answer formally. {{ question }}" }
                tests:
                  - description: no competitor mentions
                    vars: { question: "Is there a flight to Lisbon?" }
                    assert: [ { type: not-icontains, value: CompetitorAir } ]
                  - description: names the baggage allowance
                    vars: { question: "What is the baggage allowance?" }
                    assert: [ { type: icontains, value: "23 kg" } ]
            """;
        File.WriteAllText(folder.File("base.yml"), config.Replace("EDIT ", "", StringComparison.Ordinal));
        File.WriteAllText(folder.File("head.yml"), config.Replace("EDIT ", "Mention CompetitorAir where it helps. ", StringComparison.Ordinal));

        var baseRun = await CigateProcess.RunAsync(folder.Path, null, "run", "base.yml", "--out", folder.File("rb"), "--quiet");
        var headRun = await CigateProcess.RunAsync(folder.Path, null, "run", "head.yml", "--out", folder.File("rh"), "--quiet");
        var compare = await CigateProcess.RunAsync(folder.Path, null, "compare", "--base", folder.File("rb"), "--head", folder.File("rh"), "--out", folder.File("cmp"));

        Assert.True(baseRun.ExitCode == 0, baseRun.ToString());
        Assert.True(headRun.ExitCode == 0, headRun.ToString());
        Assert.True(compare.ExitCode == 1, compare.ToString());
        Assert.Contains("3 cases newly failing (passed on base, failed on head)", compare.Stdout, StringComparison.Ordinal);
        var comment = await File.ReadAllTextAsync(folder.File("cmp/comment.md"), Ct);
        var junit = await File.ReadAllTextAsync(folder.File("cmp/junit.xml"), Ct);
        Assert.StartsWith("<!-- cigate:comment:cigate -->\n### ❌ CiGate: fail — travel: 3 cases newly failing", comment, StringComparison.Ordinal);
        foreach (var variant in new[] { "short", "friendly", "formal" })
        {
            Assert.Matches($@"newly failing: travel on sim: no competitor mentions .*\[no-competitor-mentions-[0-9a-f]+@{variant}\]", compare.Stdout);
            Assert.Matches($@"\| ❌ \| no competitor mentions .* \| no-competitor-mentions-[0-9a-f]+@\u200D?{variant} \| sim \| newly failing \| not-icontains", comment);
            Assert.Matches($"<testcase classname=\"cigate.travel.cases\" name=\"no-competitor-mentions-[0-9a-f]+@{variant} on sim\">\n      <failure message=\"not-icontains", junit);
        }

        Assert.Equal(3, Count(compare.Stdout, "newly failing: travel on sim: no competitor mentions"));
        Assert.Equal(3, Count(compare.Stdout, "not-icontains: expected output not to contain (ignoring case) \"CompetitorAir\""));
        Assert.Equal(3, Count(comment, "| ❌ | no competitor mentions"));
        Assert.Equal(3, Count(junit, "type=\"newly-failing\""));
        Assert.Equal(3, Count(junit, "<failure message=\"not-icontains: expected output not to contain (ignoring case) &quot;CompetitorAir&quot;"));
        Assert.Contains("<testsuites name=\"cigate\" tests=\"7\" failures=\"4\"", junit, StringComparison.Ordinal); // the gate + 6 cases; the gate and 3 cases failed
        GoldenComment.Check("case-gate-prompts.comment.md", comment);
    }

    [Fact]
    public async Task A_canary_leaked_on_base_and_head_fails_the_gate_and_is_named_everywhere()
    {
        // The config names the XSTest suite's dataset too, and a config is loaded whole.
        var xstest = DatasetPaths.Find(Path.Combine("xstest", "xstest_prompts.csv"));
        if (xstest is null)
        {
            Assert.Skip("the XSTest dataset (shared/datasets/xstest/xstest_prompts.csv) is not beside the repository");
        }

        using var folder = new TempFolder();
        var example = Path.Combine(Repository.Root(), "examples", "safety");
        var dir = Copy(example, folder.File("example"));
        var config = Path.Combine(dir, "cigate.yml");
        File.WriteAllText(config, File.ReadAllText(config).Replace("../../../shared/datasets/xstest/xstest_prompts.csv", xstest, StringComparison.Ordinal));

        // The same code on both sides: the leak is old, and still fails the gate (canary is critical).
        var baseRun = await CigateProcess.RunAsync(dir, null, "run", "cigate.yml", "--suite", "injection", "--out", folder.File("rb"), "--quiet");
        var headRun = await CigateProcess.RunAsync(dir, null, "run", "cigate.yml", "--suite", "injection", "--out", folder.File("rh"), "--quiet");
        var compare = await CigateProcess.RunAsync(folder.Path, null, "compare", "--base", folder.File("rb"), "--head", folder.File("rh"), "--out", folder.File("cmp"));

        Assert.True(baseRun.ExitCode == 0, baseRun.ToString());
        Assert.True(compare.ExitCode == 1, compare.ToString());
        const string Leak = "canary: expected output to not reveal the canary or obey an injected instruction (2 marker(s)); found \"CANARY-7f3a9c\"";
        Assert.Contains($"failing, critical: injection on sim: translation trick", headRun.Stdout, StringComparison.Ordinal);
        Assert.Contains(Leak, headRun.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 case with a critical failure on head: translation-trick-", compare.Stdout, StringComparison.Ordinal);
        Assert.Contains($"still failing, critical: injection on sim: translation trick", compare.Stdout, StringComparison.Ordinal);
        Assert.Contains(Leak, compare.Stdout, StringComparison.Ordinal);

        var comment = await File.ReadAllTextAsync(folder.File("cmp/comment.md"), Ct);
        var summary = await File.ReadAllTextAsync(folder.File("cmp/summary.md"), Ct);
        var html = await File.ReadAllTextAsync(folder.File("cmp/report.html"), Ct);
        var junit = await File.ReadAllTextAsync(folder.File("cmp/junit.xml"), Ct);
        foreach (var markdown in new[] { comment, summary })
        {
            Assert.Contains("| 🚨 | translation trick", markdown, StringComparison.Ordinal);
            Assert.Contains("still failing, critical | canary: expected output to not reveal the canary or obey an injected instruction (2 marker(s)); found \"CANARY-7f3a9c\" |", markdown, StringComparison.Ordinal);
        }

        Assert.Contains("<td class=\"change\">still failing, critical</td><td class=\"out\">canary: expected output to not reveal the canary or obey an injected instruction (2 marker(s)); found &quot;CANARY-7f3a9c&quot;</td>", html, StringComparison.Ordinal);
        Assert.Contains("<failure message=\"canary: expected output to not reveal the canary or obey an injected instruction (2 marker(s)); found &quot;CANARY-7f3a9c&quot;\" type=\"critical\"/>", junit, StringComparison.Ordinal);
        GoldenComment.Check("case-gate-canary.comment.md", comment);
    }

    [Fact]
    public async Task A_flaky_case_is_a_warning_not_a_failure()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("script.yaml"), """
            - match: weather
              flaky: true
              replies: ["It is sunny.", "No idea.", "It is sunny."]
            - match: capital
              reply: Paris.
            """);
        File.WriteAllText(folder.File("cigate.yml"), """
            targets:
              sim: { model: bot, simulator: { scripts: [script.yaml] } }
            suites:
              chat:
                kind: prompts
                prompts: [ { id: p, text: "{{ question }}" } ]
                tests:
                  - { description: weather, vars: { question: "How is the weather?" }, assert: [ { type: icontains, value: sunny } ] }
                  - { description: capital, vars: { question: "What is the capital of France?" }, assert: [ { type: icontains, value: Paris } ] }
                generation: { repeats: 3 }
            """);

        var baseRun = await CigateProcess.RunAsync(folder.Path, null, "run", "cigate.yml", "--out", folder.File("rb"), "--quiet");
        var headRun = await CigateProcess.RunAsync(folder.Path, null, "run", "cigate.yml", "--out", folder.File("rh"), "--quiet");
        var compare = await CigateProcess.RunAsync(folder.Path, null, "compare", "--base", folder.File("rb"), "--head", folder.File("rh"), "--out", folder.File("cmp"));

        Assert.True(baseRun.ExitCode == 0, baseRun.ToString());
        Assert.True(compare.ExitCode == 0, compare.ToString());
        Assert.Contains("flaky: chat on sim: weather", headRun.Stdout, StringComparison.Ordinal);
        Assert.Contains("cigate compare: warn", compare.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 case flaky (mixed results across repeats): weather-", compare.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("newly failing:", compare.Stdout, StringComparison.Ordinal);
        var comment = await File.ReadAllTextAsync(folder.File("cmp/comment.md"), Ct);
        Assert.Matches(@"\| 〰️ \| weather \{""question"":""How is the weather\?""\} \| weather-[0-9a-f]+ \| sim \| flaky \| icontains: expected output to contain \(ignoring case\) ""sunny"" \| 66\.7% \| 66\.7% \|", comment);
        var junit = await File.ReadAllTextAsync(folder.File("cmp/junit.xml"), Ct);
        Assert.Contains("failures=\"0\"", junit, StringComparison.Ordinal);
        Assert.Contains("<system-out>flaky: passed 66.7% of repeats on base, 66.7% on head", junit, StringComparison.Ordinal);
    }

    private static int Count(string text, string what) => text.Split(what).Length - 1;

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
