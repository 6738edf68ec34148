using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Tests.Comparing.Engine;

public sealed class ComparerTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("cigate-compare-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task Pairs_items_and_counts_discordant_pairs()
    {
        // arrange: 100 items; base right on 0..69, head right on 5..74 → b = 5 (0..4), c = 5 (70..74)
        var @base = await new RunBuilder().Items(100, i => i < 70 ? 1 : 0).WriteAsync(Path.Combine(root, "base"));
        var head = await new RunBuilder().Items(100, i => i is >= 5 and < 75 ? 1 : 0).WriteAsync(Path.Combine(root, "head"));

        // act
        var suite = Comparer.Compare(LoadedRun.Load(@base), LoadedRun.Load(head), new CompareOptions()).Suites.Single();

        // assert
        var metric = suite.Metrics.Single();
        Assert.Equal(Pairing.Paired, suite.Pairing);
        Assert.Equal(100, suite.PairedItems);
        Assert.Equal((5, 5), (metric.Regressions, metric.Improvements));
        Assert.Equal(0, metric.Delta, 12);
        Assert.Equal("paired, exact McNemar", metric.Method);
        Assert.Equal(10, suite.Flips.Count);
        Assert.True(suite.Flips.Take(5).All(f => f.Regressed), "regressions are listed first");
        Assert.Equal(0.10, metric.FlipRate, 12);
    }

    [Fact]
    public async Task Items_whose_prompt_changed_are_not_paired()
    {
        var @base = await new RunBuilder().Item("a", 1).Item("b", 1).Item("c", 0).WriteAsync(Path.Combine(root, "base"));
        var head = await new RunBuilder().Item("a", 1).Item("b", 0, promptHash: "other").Item("d", 1).WriteAsync(Path.Combine(root, "head"));

        var suite = Comparer.Compare(LoadedRun.Load(@base), LoadedRun.Load(head), new CompareOptions()).Suites.Single();

        Assert.Equal(1, suite.PairedItems);
        Assert.Equal(1, suite.PromptMismatches);
        Assert.Equal(1, suite.BaseOnlyItems);
        Assert.Equal(1, suite.HeadOnlyItems);
    }

    [Fact]
    public async Task Repeats_are_averaged_within_an_item_before_testing()
    {
        // Two repeats per item, half right on head: per-item values 0.5 make the metric continuous.
        var baseRun = new RunBuilder();
        var headRun = new RunBuilder();
        for (var i = 0; i < 40; i++)
        {
            baseRun.Item($"i{i}", 1, repeat: 0).Item($"i{i}", 1, repeat: 1);
            headRun.Item($"i{i}", 1, repeat: 0).Item($"i{i}", i % 2, repeat: 1);
        }

        var suite = Comparer.Compare(
            LoadedRun.Load(await baseRun.WriteAsync(Path.Combine(root, "base"))),
            LoadedRun.Load(await headRun.WriteAsync(Path.Combine(root, "head"))),
            new CompareOptions()).Suites.Single();

        var metric = suite.Metrics.Single();
        Assert.Equal("paired bootstrap", metric.Method);
        Assert.Equal(40, metric.N);
        Assert.Equal(-0.25, metric.Delta, 12); // 20 items at 0.5 instead of 1: mean drop 20 × 0.5 / 40
    }

    [Fact]
    public async Task A_changed_prompt_is_compared_unpaired_and_warns_unless_accepted()
    {
        // A new template changes every item's prompt: nothing pairs, so the means are compared.
        var @base = await new RunBuilder().Items(10, _ => 1).WriteAsync(Path.Combine(root, "base"));
        var head = await new RunBuilder { PromptTemplateHash = "prompt-2" }.Items(10, _ => 0, promptHash: "q").WriteAsync(Path.Combine(root, "head"));

        var suite = Comparer.Compare(LoadedRun.Load(@base), LoadedRun.Load(head), new CompareOptions()).Suites.Single();
        var accepted = Comparer.Compare(LoadedRun.Load(@base), LoadedRun.Load(head), new CompareOptions(AcceptChanges: true)).Suites.Single();

        Assert.Equal(Pairing.Unpaired, suite.Pairing);
        Assert.Equal("unpaired z-test", suite.Metrics.Single().Method);
        Assert.Contains("the prompt template changed", suite.Changes);
        Assert.Equal(Core.Config.DefinitionChangePolicy.Warn, suite.DefinitionChange!.Policy);
        Assert.Equal(Core.Config.DefinitionChangePolicy.Accept, accepted.DefinitionChange!.Policy);
    }

    [Fact]
    public async Task A_model_change_is_reported_but_still_paired()
    {
        var @base = await new RunBuilder().Items(10, _ => 1).WriteAsync(Path.Combine(root, "base"));
        var head = await new RunBuilder { Model = "model-b" }.Items(10, _ => 1).WriteAsync(Path.Combine(root, "head"));

        var suite = Comparer.Compare(LoadedRun.Load(@base), LoadedRun.Load(head), new CompareOptions()).Suites.Single();

        Assert.Equal(Pairing.Paired, suite.Pairing);
        Assert.Contains("model: model-a → model-b", suite.Changes);
    }

    [Fact]
    public void A_folder_without_results_is_a_clear_error()
    {
        var error = Assert.Throws<CiGateException>(() => LoadedRun.Load(Path.Combine(root, "nothing")));
        Assert.Equal(DiagnosticCodes.ResultsNotFound, error.Diagnostics.Single().Code);
    }
}
