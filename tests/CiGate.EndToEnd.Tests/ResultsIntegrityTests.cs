using System.Text.Json.Nodes;
using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// Issue 24 items 4 and 9: `compare` checks each side's items.jsonl against its results.json and
/// refuses damaged, emptied or newer results folders with a code and exit 2, never a crash.
/// </summary>
public sealed class ResultsIntegrityTests
{
    [Fact]
    public async Task EmptiedOrTruncatedHeadItems_AreRefused_NotComparedAsItemsOnlyInBase()
    {
        using var folder = new TempFolder();
        var (baseRun, headRun) = await TwoRunsAsync(folder);
        var items = Path.Combine(headRun, "items.jsonl");
        var lines = File.ReadAllLines(items);

        File.WriteAllLines(items, lines[..^3]);
        var truncated = await CompareAsync(folder, baseRun, headRun);
        File.WriteAllText(items, "");
        var emptied = await CompareAsync(folder, baseRun, headRun);

        foreach (var result in new[] { truncated, emptied })
        {
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains($"{items}: error CIGATE0420: items.jsonl does not match results.json", result.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        }

        Assert.Contains($"results.json records 12 item lines", truncated.Stderr, StringComparison.Ordinal);
        Assert.Contains("the file holds 9", truncated.Stderr, StringComparison.Ordinal);
        Assert.Contains("the file holds 0", emptied.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditedItemLine_IsRefusedByItsHash()
    {
        using var folder = new TempFolder();
        var (baseRun, headRun) = await TwoRunsAsync(folder);
        var items = Path.Combine(headRun, "items.jsonl");
        var lines = File.ReadAllLines(items);
        // Same length, same line count: only the hash can tell.
        Assert.Contains("\"cached\":false", lines[4], StringComparison.Ordinal);
        lines[4] = lines[4].Replace("\"cached\":false", "\"cached\":true ", StringComparison.Ordinal);
        File.WriteAllLines(items, lines);

        var result = await CompareAsync(folder, baseRun, headRun);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("error CIGATE0420", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("sha256", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OldResultsWithoutADigest_AreCheckedByCount_AndSaySoWhenTheyPass()
    {
        using var folder = new TempFolder();
        var (baseRun, headRun) = await TwoRunsAsync(folder);
        foreach (var run in new[] { baseRun, headRun })
        {
            EditResults(run, root => root.Remove("items"));
        }

        var passed = await CompareAsync(folder, baseRun, headRun);
        var items = Path.Combine(headRun, "items.jsonl");
        File.WriteAllLines(items, File.ReadAllLines(items)[..^1]);
        var refused = await CompareAsync(folder, baseRun, headRun);

        Assert.True(passed.ExitCode != 2, passed.ToString());
        Assert.StartsWith("cigate compare: ", passed.Stdout, StringComparison.Ordinal);
        Assert.Contains("content could not be verified", passed.Stderr, StringComparison.Ordinal);
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("error CIGATE0420", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("results.json counts 12 finished samples but the file holds 11", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItemLineWithAWrongType_IsADamagedFileAtItsLine()
    {
        using var folder = new TempFolder();
        var (baseRun, headRun) = await TwoRunsAsync(folder);
        var items = Path.Combine(headRun, "items.jsonl");
        var lines = File.ReadAllLines(items);
        var repeat = lines[2].IndexOf("\"repeat\":0", StringComparison.Ordinal);
        Assert.True(repeat > 0, lines[2]);
        lines[2] = lines[2].Replace("\"repeat\":0", "\"repeat\":\"zero\"", StringComparison.Ordinal);
        File.WriteAllLines(items, lines);

        var result = await CompareAsync(folder, baseRun, headRun);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{items}(3,1): error CIGATE0402: items file is damaged: field 'repeat' has the wrong type", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NullSuitesInResultsJson_IsADamagedFile()
    {
        using var folder = new TempFolder();
        var (baseRun, headRun) = await TwoRunsAsync(folder);
        EditResults(headRun, root => root["suites"] = null);

        var result = await CompareAsync(folder, baseRun, headRun);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{Path.Combine(headRun, "results.json")}(1,", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("error CIGATE0402: results.json is not valid", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Path: $.suites", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("CIGATE0000", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultsFromANewerSchema_AreRefused()
    {
        using var folder = new TempFolder();
        var (baseRun, headRun) = await TwoRunsAsync(folder);
        EditResults(baseRun, root => root["schema_version"] = 99);

        var result = await CompareAsync(folder, baseRun, headRun);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{Path.Combine(baseRun, "results.json")}: error CIGATE0422: results.json was written by a newer cigate (schema_version 99", result.Stderr, StringComparison.Ordinal);
    }

    private static void EditResults(string run, Action<JsonObject> edit)
    {
        var path = Path.Combine(run, "results.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(root);
        File.WriteAllText(path, root.ToJsonString());
    }

    private static Task<ProcessResult> CompareAsync(TempFolder folder, string baseRun, string headRun) =>
        CigateProcess.RunAsync(folder.Path, null, "compare", "--base", baseRun, "--head", headRun, "--out", folder.File("cmp-" + Guid.NewGuid().ToString("n")));

    /// <summary>Two clean runs of the same 12 items and model, written by the real tool.</summary>
    private static async Task<(string Base, string Head)> TwoRunsAsync(TempFolder folder)
    {
        var config = SmallSuite.Write(folder);
        var runs = await Task.WhenAll(
            CigateProcess.RunAsync(folder.Path, null, "run", config, "--out", folder.File("base"), "--quiet"),
            CigateProcess.RunAsync(folder.Path, null, "run", config, "--out", folder.File("head"), "--quiet"));
        Assert.True(runs[0].ExitCode == 0, runs[0].ToString());
        Assert.True(runs[1].ExitCode == 0, runs[1].ToString());
        return (folder.File("base"), folder.File("head"));
    }
}
