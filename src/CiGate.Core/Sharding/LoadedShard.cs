using CiGate.Core.Comparing;
using CiGate.Core.Results;

namespace CiGate.Core.Sharding;

/// <summary>One shard's results folder, read back, with its shard facts.</summary>
internal sealed record LoadedShard(LoadedRun Run, ShardInfo Info)
{
    public string Folder => Run.Folder;

    public RunResults Results => Run.Results;

    public string Name => $"shard {Info.Index}/{Info.Count}";

    public SuiteResult? Suite(string suite, string target) =>
        Results.Suites.FirstOrDefault(s => s.Suite == suite && s.Target == target);

    public IEnumerable<ItemRecord> Records(string suite, string target) =>
        Run.Items.Where(r => r.Suite == suite && r.Target == target);
}
