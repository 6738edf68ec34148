using System.Text.Json;
using System.Text.Json.Nodes;
using CiGate.Cli;
using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// Tool-call suites through the real command line against the simulator: examples/tools (a 3-turn
/// support desk with mocked tools) and the bfcl preset over ../shared/datasets/bfcl.
/// </summary>
public sealed class ToolSuiteTests
{
    [Fact]
    public async Task The_support_desk_example_passes_and_two_runs_give_identical_items()
    {
        using var folder = new TempFolder();
        var config = Path.Combine(Repository.Root(), "examples", "tools", "cigate.yml");

        var first = await RunAsync("run", config, "--out", folder.File("a"), "--quiet");
        var second = await RunAsync("run", config, "--out", folder.File("b"), "--quiet");

        Assert.True(first.Code == 0, first.Output);
        Assert.True(second.Code == 0, second.Output);
        Assert.Equal(Items(folder.File("a")), Items(folder.File("b")));
        var suite = ResultsFolder.OnlySuite(ResultsFolder.ReadResults(folder.File("a")));
        Assert.Equal(1.0, suite.GetProperty("metrics").GetProperty("pass").GetProperty("value").GetDouble());
        Assert.Equal(1.0, suite.GetProperty("metrics").GetProperty("pass^2").GetProperty("value").GetDouble());
        var item = Items(folder.File("a")).Select(i => JsonNode.Parse(i)!)
            .First(i => (string?)i["item"] == "order-address-refund");
        var trajectory = JsonNode.Parse((string)item["extracted"]!["trajectory"]!)!;
        Assert.Equal(6, (int)trajectory["steps"]!);
        Assert.Equal(
            ["lookup_order", "update_address", "refund_order"],
            trajectory["calls"]!.AsArray().Select(c => (string)c!["name"]!));
        Assert.Equal("""{"error":"refunds need a human agent"}""", (string)trajectory["calls"]![2]!["result"]!);
        Assert.Equal("5 New Street", (string)trajectory["state"]!["address"]!);
    }

    [Fact]
    public async Task A_perfect_simulated_model_passes_every_bfcl_item_and_seeds_flip_items_in_a_compare()
    {
        var dataset = DatasetPaths.Find(Path.Combine("bfcl", "BFCL_v4_simple_python.json"));
        if (dataset is null)
        {
            Assert.Skip("shared/datasets/bfcl not found above the test folder");
        }

        using var folder = new TempFolder();
        var bfcl = Path.GetDirectoryName(dataset)!.Replace('\\', '/');
        string Config(string accuracy, int seed) => folder.Write($"bfcl-{accuracy}-{seed}.yml", $$"""
            targets:
              sim: { model: fc, concurrency: 64, simulator: { accuracy: {{accuracy}}, seed: {{seed}} } }
            suites:
              bfcl:
                preset: bfcl
                bfcl: { dataset: "{{bfcl}}" }
            """);

        var perfect = await RunAsync("run", Config("1.0", 1), "--out", folder.File("perfect"), "--quiet");
        var @base = await RunAsync("run", Config("0.8", 1), "--out", folder.File("base"), "--quiet");
        var head = await RunAsync("run", Config("0.8", 2), "--out", folder.File("head"), "--quiet");
        var compare = await RunAsync(
            "compare", "--base", folder.File("base"), "--head", folder.File("head"), "--out", folder.File("cmp"));

        Assert.True(perfect.Code == 0, perfect.Output);
        var suite = ResultsFolder.OnlySuite(ResultsFolder.ReadResults(folder.File("perfect")));
        Assert.Equal(1240, suite.GetProperty("counts").GetProperty("completed").GetInt32());
        Assert.Equal(1.0, suite.GetProperty("metrics").GetProperty("pass").GetProperty("value").GetDouble());
        Assert.Equal(
            ["irrelevance", "multiple", "parallel", "parallel_multiple", "simple_python"],
            suite.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
        Assert.True(@base.Code == 0 && head.Code == 0, @base.Output + head.Output);
        var comment = File.ReadAllText(folder.File("cmp/comment.md"));
        // the preset gates statistically: two seeds of one accuracy, no significant drop
        Assert.True(compare.Code == 0, compare.Output);
        Assert.Contains("bfcl", comment, StringComparison.Ordinal);
        Assert.Contains("checker:", comment, StringComparison.Ordinal); // a flipped item's BFCL reason
        // ...and how its calls changed, from the kind's own section (tools.md.sbn)
        Assert.Contains("how the tool calls changed", comment, StringComparison.Ordinal);
        Assert.Matches(@"\| (head adds call|head drops call|call) \d", comment);
    }

    /// <summary>The items without their latency (the one field that differs between runs), in a stable order.</summary>
    private static List<string> Items(string folder) =>
        [.. File.ReadLines(Path.Combine(folder, "items.jsonl"))
            .Select(l => JsonNode.Parse(l)!.AsObject())
            .Select(o =>
            {
                o.Remove("latency_ms");
                return o.ToJsonString();
            })
            .Order(StringComparer.Ordinal)];

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr));
        return (code, $"{stdout}{stderr}");
    }
}
