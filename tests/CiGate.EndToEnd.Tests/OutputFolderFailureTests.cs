using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// Issue 24 item 9: a full disk or a read-only results folder stops the run with a code and
/// exit 2, keeps every finished item, and --resume completes the run once the disk is fixed.
/// </summary>
public sealed class OutputFolderFailureTests
{
    [Fact]
    public async Task FullDisk_StopsWithACode_KeepsFinishedItems_AndResumeCompletes()
    {
        using var folder = new TempFolder();
        const int Items = 200; // ~600 bytes a line: far more than the 48 KiB disk holds
        var config = SmallSuite.Write(folder, Items);
        using var disk = TmpfsMount.MountOrSkip(folder.File("disk"), "48k");
        var output = Path.Combine(disk.Path, "out");

        var full = await CigateProcess.RunAsync(folder.Path, null, "run", config, "--out", output, "--quiet");

        Assert.True(full.ExitCode == 2, full.ToString());
        var line = Assert.Single(full.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{output}: error CIGATE0423: cannot write the results folder: No space left on device", line, StringComparison.Ordinal);
        Assert.Contains("--resume", line, StringComparison.Ordinal);
        var kept = CompleteLines(output);
        Assert.InRange(kept, 1, Items - 1);

        disk.Remount("size=4m");
        var resumed = await CigateProcess.RunAsync(folder.Path, null, "run", config, "--out", output, "--resume", "--quiet");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(Items, ResultsFolder.ReadItems(output).Select(i => i.Key).Distinct().Count());
        Assert.Equal("complete", ResultsFolder.ReadResults(output).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReadOnlyFolder_StopsWithACode_AndKeepsTheFinishedItems()
    {
        using var folder = new TempFolder();
        var config = SmallSuite.Write(folder);
        using var disk = TmpfsMount.MountOrSkip(folder.File("disk"), "4m");
        var output = Path.Combine(disk.Path, "out");
        var first = await CigateProcess.RunAsync(folder.Path, null, "run", config, "--out", output, "--quiet");
        Assert.True(first.ExitCode == 0, first.ToString());
        var items = Path.Combine(output, "items.jsonl");
        File.WriteAllLines(items, File.ReadAllLines(items)[..6]); // as if killed half way
        var before = File.ReadAllBytes(items);

        disk.Remount("ro");
        var resumed = await CigateProcess.RunAsync(folder.Path, null, "run", config, "--out", output, "--resume", "--quiet");
        var fresh = await CigateProcess.RunAsync(folder.Path, null, "run", config, "--out", Path.Combine(disk.Path, "new"), "--quiet");

        foreach (var result in new[] { resumed, fresh })
        {
            Assert.True(result.ExitCode == 2, result.ToString());
            var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("error CIGATE0423: cannot write the results folder: Read-only file system", line, StringComparison.Ordinal);
        }

        Assert.Equal(before, File.ReadAllBytes(items));
    }

    private static int CompleteLines(string output)
    {
        var text = File.ReadAllText(Path.Combine(output, "items.jsonl"));
        var complete = text[..(text.LastIndexOf('\n') + 1)];
        foreach (var line in complete.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var _ = System.Text.Json.JsonDocument.Parse(line); // every complete line is a whole record
        }

        return complete.Count(c => c == '\n');
    }
}
