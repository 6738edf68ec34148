using CiGate.Cli.Tests.Support;
using CiGate.Core.Config;
using CiGate.Core.Suites.Prompts;

namespace CiGate.Cli.Tests;

/// <summary>
/// `cigate draft-tests` (cases drafted from an uncovered cluster, assertions from the simulator's generator) and
/// `unreviewed: true` (runs and reports, never gates until the mark is removed), end to end in process.
/// </summary>
public sealed class DraftTestsCommandTests
{
    private const string Config = """
        targets:
          sim: { model: travel-bot, simulator: {} }
          gen: { model: drafter, role: generator, simulator: {} }
        suites:
          travel:
            kind: prompts
            prompts: [ { id: p, text: "{{ q }}" } ]
            tests:
              - { description: france, vars: { q: "What is the capital of France?" }, assert: [ { type: icontains, value: Paris } ] }
              - { description: japan, vars: { q: "What is the capital of Japan?" }, assert: [ { type: icontains, value: Tokyo } ] }

        """;

    [Fact]
    public async Task Drafted_cases_come_from_the_uncovered_cluster_validate_and_hold_no_pii()
    {
        // arrange: half the traffic asks what the suite tests, half asks for refunds with PII
        using var folder = new TempFolder();
        var config = WriteConfig(folder, Config);
        var traffic = WriteTraffic(folder);
        var drafted = Path.Combine(Path.GetDirectoryName(config)!, "drafted.yml");

        // act
        var coverage = await CliRunner.RunAsync("coverage", "--traffic", traffic, "--config", config);
        var result = await CliRunner.RunAsync("draft-tests", "--traffic", traffic, "--cluster", "1", "--suite",
            "travel", "--config", Path.GetDirectoryName(config)!, "--out", drafted);

        // assert
        Assert.Contains("uncovered #1 (", coverage.Stdout, StringComparison.Ordinal);
        Assert.Contains("50.0% of traffic (30), 100.0% of negative feedback", coverage.Stdout, StringComparison.Ordinal);
        CliAssert.Succeeds(result);
        Assert.Contains("drafted 3 unreviewed case(s) from 1 cluster(s) into suite 'travel-drafted'", result.Stdout,
            StringComparison.Ordinal);
        Assert.Contains("assertions proposed by gen", result.Stdout, StringComparison.Ordinal);
        var yaml = File.ReadAllText(drafted);
        Assert.Equal(3, yaml.Split("\n        unreviewed: true\n").Length - 1);
        Assert.Contains("""{"type":"icontains","value":"refund"}""", yaml, StringComparison.Ordinal);
        Assert.Contains("Refund order", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.com", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("555-01", yaml, StringComparison.Ordinal);

        // The written file loads with the config, through the normal loader, as a prompts suite of unreviewed cases.
        var loaded = ConfigLoader.Load(Path.GetDirectoryName(config)!);
        var suite = Assert.IsType<PromptsSuite>(loaded.Suites.Single(s => s.Name == "travel-drafted"));
        Assert.Equal(3, suite.Tests.Count);
        Assert.All(suite.Tests, t => Assert.True(t.Unreviewed));
        Assert.All(suite.Tests, t => Assert.Equal(2, t.Assertions.Count));
        Assert.All(suite.Tests, t => Assert.StartsWith("Refund order", (string)t.Vars["q"]!, StringComparison.Ordinal));
        Assert.Equal(["sim"], loaded.Suites.Where(s => s.Name == "travel-drafted").SelectMany(s => s.Targets));
    }

    [Fact]
    public async Task Without_a_generator_it_refuses_unless_told_to_draft_cases_without_assertions()
    {
        // arrange
        using var folder = new TempFolder();
        var config = WriteConfig(folder, Config.Replace(
            "  gen: { model: drafter, role: generator, simulator: {} }\n", "", StringComparison.Ordinal));
        var traffic = WriteTraffic(folder);
        var drafted = Path.Combine(Path.GetDirectoryName(config)!, "drafted.yml");

        // act
        var refused = await CliRunner.RunAsync("draft-tests", "--traffic", traffic, "--cluster", "1", "--config",
            config, "--out", drafted);
        var bare = await CliRunner.RunAsync("draft-tests", "--traffic", traffic, "--cluster", "1", "--config",
            config, "--out", drafted, "--no-assertions", "--per-cluster", "2");
        var unknown = await CliRunner.RunAsync("draft-tests", "--traffic", traffic, "--cluster", "9", "--config",
            config, "--out", drafted, "--no-assertions");

        // assert
        CliAssert.Fails(refused);
        Assert.Contains("--no-assertions", CliAssert.HasError(refused, "CIGATE0810", config), StringComparison.Ordinal);
        CliAssert.NoStackTrace(refused);
        CliAssert.Succeeds(bare);
        Assert.Contains("2 case(s) have no assertion", bare.Stdout, StringComparison.Ordinal);
        var loaded = ConfigLoader.Load(Path.GetDirectoryName(config)!);
        var suite = Assert.IsType<PromptsSuite>(loaded.Suites.Single(s => s.Name == "drafted"));
        Assert.All(suite.Tests, t => Assert.True(t.Unreviewed && t.Assertions.Count == 0));
        CliAssert.Fails(unknown);
        Assert.Contains("clusters 1 to 2", CliAssert.HasError(unknown, "CIGATE0809"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_unreviewed_case_does_not_gate_until_the_mark_is_removed()
    {
        // arrange: case q0 passes on base and fails on head; a pass-rate floor of 1 on the suite
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("script.yaml"), """
            - match: /SHOUT[\s\S]*q0\b/
              reply: NO.
            - match: q
              reply: yes
            """);
        var suite = """
            targets:
              sim: { model: bot, simulator: { scripts: [script.yaml] } }
            suites:
              chat:
                kind: prompts
                prompts: [ { id: p, text: "PREFIX{{ q }}" } ]
                gate: { min: 1.0 }
                tests:
                  - { description: case 0, vars: { q: q0 }, MARKassert: [ { type: icontains, value: yes } ] }
                  - { description: case 1, vars: { q: q1 }, assert: [ { type: icontains, value: yes } ] }

            """;
        File.WriteAllText(folder.File("base.yml"), suite.Replace("PREFIX", "", StringComparison.Ordinal)
            .Replace("MARK", "", StringComparison.Ordinal));
        File.WriteAllText(folder.File("head.yml"), suite.Replace("PREFIX", "SHOUT ", StringComparison.Ordinal)
            .Replace("MARK", "unreviewed: true, ", StringComparison.Ordinal));
        File.WriteAllText(folder.File("promoted.yml"), suite.Replace("PREFIX", "SHOUT ", StringComparison.Ordinal)
            .Replace("MARK", "", StringComparison.Ordinal));

        // act
        CliAssert.Succeeds(await CliRunner.RunAsync("run", folder.File("base.yml"), "--out", folder.File("rb"), "--quiet"));
        var head = await CliRunner.RunAsync("run", folder.File("head.yml"), "--out", folder.File("rh"));
        CliAssert.Succeeds(await CliRunner.RunAsync("run", folder.File("promoted.yml"), "--out", folder.File("rp"), "--quiet"));
        var unreviewed = await CliRunner.RunAsync("compare", "--base", folder.File("rb"), "--head", folder.File("rh"),
            "--out", folder.File("c1"));
        var promoted = await CliRunner.RunAsync("compare", "--base", folder.File("rb"), "--head", folder.File("rp"),
            "--out", folder.File("c2"));

        // assert: reported as unreviewed, neither in the case gate nor in the pass rate the floor checks
        Assert.Contains("failing, unreviewed: chat on sim: case 0", head.Stdout, StringComparison.Ordinal);
        Assert.True(unreviewed.ExitCode == 0, unreviewed.ToString());
        Assert.Contains("newly failing, unreviewed: chat on sim: case 0", unreviewed.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("below the floor", unreviewed.Stdout, StringComparison.Ordinal);
        Assert.Contains("newly failing, unreviewed", File.ReadAllText(folder.File("c1/comment.md")),
            StringComparison.Ordinal);
        Assert.True(promoted.ExitCode == 1, promoted.ToString());
        Assert.Contains("1 case newly failing (passed on base, failed on head): case-0-", promoted.Stdout,
            StringComparison.Ordinal);
        Assert.Contains("is below the floor 1.0000", promoted.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_suite_of_only_unreviewed_cases_lists_them_and_gates_nothing()
    {
        // arrange: what draft-tests writes, two failing cases, and nothing reviewed yet
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("cigate.yml"), """
            targets:
              sim: { model: bot, simulator: {} }
            suites:
              drafted:
                kind: prompts
                prompts: [ { id: p, text: "{{ q }}" } ]
                tests:
                  - { description: a, unreviewed: true, vars: { q: hello there }, assert: [ { type: icontains, value: zebra } ] }
                  - { description: b, unreviewed: true, vars: { q: good day }, assert: [ { type: icontains, value: zebra } ] }
            """);

        // act
        var run = await CliRunner.RunAsync("run", folder.File("cigate.yml"), "--out", folder.File("rb"));
        CliAssert.Succeeds(await CliRunner.RunAsync("run", folder.File("cigate.yml"), "--out", folder.File("rh"), "--quiet"));
        var compare = await CliRunner.RunAsync("compare", "--base", folder.File("rb"), "--head", folder.File("rh"),
            "--out", folder.File("c"));

        // assert: listed in the run and the comparison, and the gate passes (not inconclusive for want of a metric)
        Assert.Contains("failing, unreviewed: drafted on sim: a", run.Stdout, StringComparison.Ordinal);
        Assert.True(compare.ExitCode == 0, compare.ToString());
        Assert.Contains("2 cases, all unreviewed: listed, never gated", compare.Stdout, StringComparison.Ordinal);
        Assert.Contains("still failing, unreviewed: drafted on sim: b", compare.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_target_embedder_clusters_with_the_simulators_embeddings_and_caches_them()
    {
        // arrange
        using var folder = new TempFolder();
        var config = WriteConfig(folder, Config.Replace("targets:\n", "targets:\n  emb: { model: embed-small, role: grader, simulator: {} }\n",
            StringComparison.Ordinal));
        var traffic = WriteTraffic(folder);

        // act
        var first = await CliRunner.RunAsync("coverage", "--traffic", traffic, "--config", config, "--embedder",
            "target:emb");
        var second = await CliRunner.RunAsync("coverage", "--traffic", traffic, "--config", config, "--embedder",
            "target:emb");
        var unknown = await CliRunner.RunAsync("coverage", "--traffic", traffic, "--config", config, "--embedder",
            "target:nope");

        // assert: 60 records + 2 cases, 32 distinct texts (the cases are two of the traffic's), one batch; the
        // second run sends nothing
        CliAssert.Succeeds(first);
        Assert.Contains("embedder: target emb, 62 texts (32 distinct), 0 from the cache, 1 request(s), 256 dimensions",
            first.Stderr, StringComparison.Ordinal);
        Assert.Contains("coverage 50.0%", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("50.0% of traffic (30), 100.0% of negative feedback", first.Stdout, StringComparison.Ordinal);
        CliAssert.Succeeds(second);
        Assert.Contains("embedder: target emb, 62 texts (32 distinct), 62 from the cache, 0 request(s)", second.Stderr,
            StringComparison.Ordinal);
        Assert.Equal(first.Stdout, second.Stdout);
        CliAssert.Fails(unknown);
        Assert.Contains("target:emb", CliAssert.HasError(unknown, "CIGATE0807", config), StringComparison.Ordinal);
    }

    [Fact]
    public void The_drafter_opens_its_instructions_with_the_line_the_simulator_recognises() =>
        Assert.True(Simulator.SimulatedGenerator.IsGeneratorPrompt(
            Core.Coverage.CaseDrafter.GeneratorMessages("text")[0].Content));

    [Fact]
    public async Task A_generator_reply_that_is_not_json_leaves_the_case_without_assertions_and_says_why()
    {
        // arrange: the refund texts carry the simulator's garbage marker
        using var folder = new TempFolder();
        var config = WriteConfig(folder, Config);
        var traffic = folder.Write("traffic.jsonl", string.Join('\n', Enumerable.Range(0, 40).Select(i => i % 2 == 0
            ? """{"prompt": "What is the capital of France?"}"""
            : $$"""{"prompt": "Refund order {{i}} please [cigate-draft:garbage]"}""")) + "\n");
        var drafted = folder.File("drafted.yml");

        // act
        var result = await CliRunner.RunAsync("draft-tests", "--traffic", traffic, "--cluster", "1", "--config",
            config, "--out", drafted, "--per-cluster", "1");

        // assert
        CliAssert.Succeeds(result);
        Assert.Contains("1 case(s) have no assertion", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("# no assertion (the generator's reply was not JSON with an 'assert' list)",
            File.ReadAllText(drafted), StringComparison.Ordinal);
    }

    private static string WriteConfig(TempFolder folder, string yaml)
    {
        Directory.CreateDirectory(folder.File("cfg"));
        File.WriteAllText(folder.File("cfg/cigate.yml"), yaml);
        return folder.File("cfg/cigate.yml");
    }

    private static string WriteTraffic(TempFolder folder) =>
        folder.Write("traffic.jsonl", string.Join('\n', Enumerable.Range(0, 60).Select(i => i % 2 == 0
            ? $$"""{"prompt": "What is the capital of {{(i % 4 == 0 ? "France" : "Japan")}}?", "feedback": 1}"""
            : $$"""{"prompt": "Refund order {{i}} please, mail bob{{i}}@example.com or call +1 (415) 555-01{{i:00}}", "feedback": -1}""")) + "\n");
}
