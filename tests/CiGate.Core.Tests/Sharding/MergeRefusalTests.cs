using CiGate.Core.Diagnostics;
using CiGate.Core.Results;
using CiGate.Core.Running;
using CiGate.Core.Sharding;

namespace CiGate.Core.Tests.Sharding;

/// <summary>Merge refuses, with one clear line and exit code 2, every set of folders that is not exactly one run's shards.</summary>
public sealed class MergeRefusalTests : IAsyncLifetime
{
    private ShardRig rig = null!;
    private string[] shards = [];

    public async ValueTask InitializeAsync()
    {
        rig = ShardRig.Accuracy(items: 40, repeats: 1);
        shards = await rig.RunShardsAsync(4);
    }

    public ValueTask DisposeAsync()
    {
        rig.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_missing_shard()
    {
        var error = await Refused(shards[0], shards[1], shards[3]);

        Assert.Equal(DiagnosticCodes.ShardMissing, error.Code);
        Assert.Contains("shard 3/4 is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicated_shard()
    {
        var copy = rig.Copy(shards[1], "copy-of-2");

        var error = await Refused(shards[0], shards[1], copy, shards[2], shards[3]);

        Assert.Equal(DiagnosticCodes.ShardDuplicated, error.Code);
        Assert.Contains("shard 2/4 is given 2 times", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_incomplete_shard()
    {
        var stopped = rig.Copy(shards[2], "stopped");
        ShardRig.EditResults(stopped, json => json["status"] = "interrupted");

        var error = await Refused(shards[0], shards[1], stopped, shards[3]);

        Assert.Equal(DiagnosticCodes.ShardIncomplete, error.Code);
        Assert.Contains("shard 3/4 is interrupted", error.Message, StringComparison.Ordinal);
        Assert.Contains($"cigate run --resume --shard 3/4 --out {stopped}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shard_that_lost_items_it_claims_to_have()
    {
        var torn = rig.Copy(shards[0], "torn");
        var lines = File.ReadAllLines(Path.Combine(torn, ItemsFile.FileName));
        File.WriteAllLines(Path.Combine(torn, ItemsFile.FileName), lines.Skip(1));
        ShardRig.RestampItems(torn);

        var error = await Refused(torn, shards[1], shards[2], shards[3]);

        Assert.Equal(DiagnosticCodes.ShardIncomplete, error.Code);
        Assert.Contains($"of shard 1/4 holds {lines.Length - 1} samples", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shard_whose_stored_metrics_its_items_do_not_give_back()
    {
        // What a suite kind whose metrics merge cannot rebuild looks like: re-summarising differs.
        var edited = rig.Copy(shards[3], "edited-metrics");
        ShardRig.EditResults(edited, json => json["suites"]![0]!["metrics"]!["exact_match,mmlu-pro"]!["value"] = 0.123);

        var error = await Refused(shards[0], shards[1], shards[2], edited);

        Assert.Equal(DiagnosticCodes.ShardNotMergeable, error.Code);
        Assert.Contains("cannot merge suite 'quiz' on 'fake': re-summarising the items of shard 4/4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shard_of_a_different_config()
    {
        rig.Write("changed.yml", ShardRig.AccuracyConfig("fake-model", 1, maxTokens: 99));
        var other = await rig.RunAsync("changed", new ShardSpec(2, 4), "changed.yml");

        var error = await Refused(shards[0], other, shards[2], shards[3]);

        Assert.Equal(DiagnosticCodes.ShardMismatch, error.Code);
        Assert.Contains("suite 'quiz' on 'fake' has a different definition", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shard_of_a_different_model()
    {
        rig.Write("model.yml", ShardRig.AccuracyConfig("other-model", 1));
        var other = await rig.RunAsync("model", new ShardSpec(4, 4), "model.yml");

        var error = await Refused(shards[0], shards[1], shards[2], other);

        Assert.Equal(DiagnosticCodes.ShardMismatch, error.Code);
        Assert.Contains("target 'fake' is model 'other-model'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shard_of_a_different_dataset()
    {
        // The same file name and config elsewhere, one question reworded: only the content hash differs.
        rig.WriteDataset("edited/data.jsonl", 40, variant: " (edited)");
        rig.Write("edited/cigate.yml", ShardRig.AccuracyConfig("fake-model", 1));
        var other = await rig.RunAsync("edited-run", new ShardSpec(2, 4), "edited/cigate.yml");

        var error = await Refused(shards[0], other, shards[2], shards[3]);

        Assert.Equal(DiagnosticCodes.ShardMismatch, error.Code);
        Assert.Contains("ran on a different dataset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shards_of_a_different_cut()
    {
        var third = await rig.RunAsync("third", new ShardSpec(3, 3));

        var error = await Refused(shards[0], shards[1], third, shards[3]);

        Assert.Equal(DiagnosticCodes.ShardMismatch, error.Code);
        Assert.Contains("not from the same cut", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_that_is_not_a_shard()
    {
        var whole = await rig.RunAsync("whole", null);

        var error = await Refused(shards[0], whole, shards[2], shards[3]);

        Assert.Equal(DiagnosticCodes.NotAShard, error.Code);
    }

    [Fact]
    public async Task A_folder_with_no_results()
    {
        var error = await Refused(shards[0], rig.NewFolder("nothing-here"), shards[2], shards[3]);

        Assert.Equal(DiagnosticCodes.ResultsNotFound, error.Code);
    }

    [Fact]
    public async Task Items_filed_under_the_wrong_shard()
    {
        var mixed = rig.Copy(shards[1], "mixed");
        File.AppendAllLines(Path.Combine(mixed, ItemsFile.FileName), File.ReadAllLines(Path.Combine(shards[0], ItemsFile.FileName)).Take(1));
        ShardRig.RestampItems(mixed);

        var error = await Refused(shards[0], mixed, shards[2], shards[3]);

        Assert.Equal(DiagnosticCodes.ShardMismatch, error.Code);
        Assert.Contains("belongs to shard 1/4, but this folder is shard 2/4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shard_whose_items_no_longer_match_its_results_json()
    {
        var torn = rig.Copy(shards[0], "truncated");
        var lines = File.ReadAllLines(Path.Combine(torn, ItemsFile.FileName));
        File.WriteAllLines(Path.Combine(torn, ItemsFile.FileName), lines.Skip(1));

        var error = await Refused(torn, shards[1], shards[2], shards[3]);

        Assert.Equal(DiagnosticCodes.ItemsMismatch, error.Code);
        Assert.Contains($"results.json records {lines.Length} item lines", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_folder_that_holds_a_run()
    {
        var error = await Assert.ThrowsAsync<CiGateException>(() => ShardMerger.MergeAsync(shards, shards[0], TestContext.Current.CancellationToken));

        Assert.Equal(DiagnosticCodes.ResultsFolderNotEmpty, error.Diagnostics.Single().Code);
    }

    [Fact]
    public async Task The_four_untouched_shards_merge()
    {
        var merged = await ShardMerger.MergeAsync(shards, rig.NewFolder("ok"), TestContext.Current.CancellationToken);

        Assert.Equal(40, merged.Suites.Single().Counts.Items);
    }

    private async Task<Diagnostic> Refused(params string[] folders)
    {
        var error = await Assert.ThrowsAsync<CiGateException>(() => ShardMerger.MergeAsync(folders, rig.NewFolder("out-" + Guid.NewGuid().ToString("n")), TestContext.Current.CancellationToken));
        Assert.Equal(ExitCodes.UsageOrConfig, error.ExitCode);
        Assert.All(error.Diagnostics, d => Assert.DoesNotContain('\n', d.ToString()));
        Assert.False(Directory.Exists(rig.NewFolder("out")), "a refused merge writes nothing");
        return Assert.Single(error.Diagnostics);
    }
}
