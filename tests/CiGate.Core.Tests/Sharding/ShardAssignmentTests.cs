using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Running;
using CiGate.Core.Sharding;

namespace CiGate.Core.Tests.Sharding;

public sealed class ShardAssignmentTests
{
    [Theory]
    [InlineData("1/1", 1, 1)]
    [InlineData("2/4", 2, 4)]
    [InlineData("4/4", 4, 4)]
    [InlineData("17/1000", 17, 1000)]
    public void I_of_N_parses(string text, int index, int count)
    {
        var shard = ShardSpec.Parse(text);

        Assert.Equal((index, count), (shard.Index, shard.Count));
        Assert.Equal(text, shard.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("1/0")]
    [InlineData("-1/4")]
    [InlineData("1/4/2")]
    [InlineData("a/b")]
    [InlineData(" 1/4")]
    [InlineData("1/1001")]
    public void Anything_else_is_a_usage_error(string text)
    {
        var error = Assert.Throws<CiGateException>(() => ShardSpec.Parse(text));

        Assert.Equal(DiagnosticCodes.Usage, error.Diagnostics.Single().Code);
        Assert.Equal(ExitCodes.UsageOrConfig, error.ExitCode);
        Assert.Contains("--shard", error.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_items_to_a_dataset_leaves_every_other_item_in_its_shard()
    {
        // arrange: 300 items, then the same file with 150 new items before, among and after them
        using var rig = ShardRig.Accuracy(items: 300, repeats: 1);
        var before = Shards(rig, "cigate.yml", 4);
        rig.WriteDataset("grown.jsonl", 50, firstId: 1000);
        var grown = File.ReadAllLines(Path.Combine(rig.Root, "grown.jsonl"));
        var original = File.ReadAllLines(Path.Combine(rig.Root, "data.jsonl"));
        rig.Write("grown.jsonl", string.Join("\n", grown.Take(25).Concat(original.Take(150)).Concat(grown.Skip(25)).Concat(original.Skip(150)).Concat(NewLines(rig))) + "\n");
        rig.Write("grown.yml", ShardRig.AccuracyConfig("fake-model", 1, "grown.jsonl"));

        // act
        var after = Shards(rig, "grown.yml", 4);

        // assert
        Assert.Equal(450, after.Count);
        Assert.All(before, b => Assert.Equal(b.Value, after[b.Key]));
    }

    [Fact]
    public void The_shards_partition_the_items_and_are_roughly_even()
    {
        using var rig = ShardRig.Accuracy(items: 400, repeats: 1);

        var shards = Shards(rig, "cigate.yml", 4);

        Assert.Equal(400, shards.Count);
        Assert.All(shards.GroupBy(s => s.Value), g => Assert.InRange(g.Count(), 70, 130));
    }

    /// <summary>Item id → the shard whose plan runs it, read through the sharded plans the runner uses.</summary>
    private static Dictionary<string, int> Shards(ShardRig rig, string config, int count)
    {
        var plans = PlanBuilder.Build(ConfigLoader.Load(Path.Combine(rig.Root, config)));
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 1; i <= count; i++)
        {
            var plan = ShardPlan.Wrap(plans, new ShardSpec(i, count)).Single();
            for (var item = 0; item < plan.ItemCount; item++)
            {
                map.Add(plan.ItemId(item), i);
            }
        }

        return map;
    }

    private static IEnumerable<string> NewLines(ShardRig rig)
    {
        rig.WriteDataset("tail.jsonl", 100, firstId: 5000);
        return File.ReadAllLines(Path.Combine(rig.Root, "tail.jsonl"));
    }
}
