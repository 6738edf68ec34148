using System.Text;
using System.Text.Json;
using CiGate.Cli.Tests.Support;

namespace CiGate.Cli.Tests;

/// <summary>
/// `run --reuse-from DIR` on a prompts suite picks its cases one by one, without git: a case whose
/// definition changed (its vars, a <c>file://</c> var's text) or that is new runs, one that declares
/// <c>inputs:</c> runs (nothing to check them against without --changed-since), a removed one is
/// dropped, and the rest are copied; the simulator's request log counts what was asked.
/// </summary>
public sealed class CaseReuseTests
{
    [Fact]
    public async Task Only_the_cases_that_changed_run_and_the_folder_reads_as_a_full_run()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("q3.txt"), "question three\n");
        string Config(params (string Id, string Vars, string More)[] cases)
        {
            var tests = new StringBuilder();
            foreach (var (id, vars, more) in cases)
            {
                tests.AppendLine(
                    $"      - {{ id: {id}, vars: {{ q: \"{vars}\" }}{more}, "
                    + "assert: [ { type: contains, value: \"\" } ] }");
            }

            return $$$"""
                targets:
                  sim: { model: bot, concurrency: 1, simulator: { request_log: {{{folder.File("requests.log")}}} } }
                suites:
                  chat:
                    kind: prompts
                    prompts: [ { id: p, text: "{{ q }}" } ]
                    reuse: { canary: 0 }
                    tests:
                {{{tests}}}
                """;
        }

        (string, string, string)[] before =
        [
            ("c0", "question zero", ""), ("c1", "question one", ""), ("c2", "question two", ""),
            ("c3", "file://q3.txt", ""), ("c4", "question four", ""), ("c5", "question five", ""),
        ];
        File.WriteAllText(folder.File("base.yml"), Config(before));
        CliAssert.Succeeds(
            await CliRunner.RunAsync("run", folder.File("base.yml"), "--out", folder.File("base"), "--quiet"));
        Assert.Equal(6, Requests(folder));

        // The same config: the suite is copied whole, nothing asked.
        var same = await Reuse(folder, "base.yml", "same");
        Assert.Equal(6, Requests(folder));
        Assert.Contains("chat@sim: unchanged: reused from base@", same.Stderr, StringComparison.Ordinal);

        // c2's vars change, c3's var file changes, c4 declares inputs, c5 is gone, c6 is new.
        File.WriteAllText(folder.File("q3.txt"), "question three, edited\n");
        File.WriteAllText(folder.File("head.yml"), Config(
            ("c0", "question zero", ""), ("c1", "question one", ""), ("c2", "question two, edited", ""),
            ("c3", "file://q3.txt", ""), ("c4", "question four", ", inputs: [data/**]"), ("c6", "question six", "")));
        var head = await Reuse(folder, "head.yml", "head");

        Assert.Equal(6 + 4, Requests(folder));
        Assert.Contains("chat@sim: 4 of 6 cases run; 2 reused from base@", head.Stderr, StringComparison.Ordinal);
        Assert.Contains("c2: its definition changed", head.Stderr, StringComparison.Ordinal);
        Assert.Contains("c3: its definition changed", head.Stderr, StringComparison.Ordinal);
        Assert.Contains(
            "c4: its inputs: cannot be checked without --changed-since", head.Stderr, StringComparison.Ordinal);
        var items = File.ReadAllLines(folder.File("head/items.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToList();
        Assert.Equal(["c0", "c1", "c2", "c3", "c4", "c6"], items.Select(Id).Order());
        Assert.Equal(
            ["c0", "c1"],
            items.Where(i => i.TryGetProperty("reused_from", out _)).Select(Id).Order());
        Assert.Contains("question three, edited", items.Single(i => Id(i) == "c3")
            .GetProperty("question").GetString(), StringComparison.Ordinal);
        var results = JsonDocument.Parse(File.ReadAllText(folder.File("head/results.json"))).RootElement;
        Assert.Equal("complete", results.GetProperty("status").GetString());
        var suite = results.GetProperty("suites")[0];
        Assert.Equal(6, suite.GetProperty("counts").GetProperty("items").GetInt32());
        Assert.Equal(4, suite.GetProperty("reused").GetProperty("cases").GetProperty("run").GetInt32());
        Assert.Contains("4 of 6 cases run; 2 reused from base@", head.Stdout, StringComparison.Ordinal);

        var compare = await CliRunner.RunAsync(
            "compare", "--base", folder.File("base"), "--head", folder.File("head"), "--out", folder.File("cmp"));
        Assert.True(compare.ExitCode is 0 or 1, compare.ToString());
        Assert.Contains("4 of 6 cases run; 2 reused from base@", compare.Stdout, StringComparison.Ordinal);
    }

    private static Task<CliResult> Reuse(TempFolder folder, string config, string @out) =>
        CliRunner.RunAsync(
            "run", folder.File(config), "--out", folder.File(@out), "--quiet", "--reuse-from", folder.File("base"));

    private static string? Id(JsonElement item) => item.GetProperty("item").GetString();

    private static int Requests(TempFolder folder) =>
        File.Exists(folder.File("requests.log")) ? File.ReadAllLines(folder.File("requests.log")).Length : 0;
}
