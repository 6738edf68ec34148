using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;
using CiGate.GitHub.Tests.Support;

namespace CiGate.GitHub.Tests;

/// <summary>Publishing a changed suite definition (annotated on its config line) and a missing base (said in the title).</summary>
public sealed class DefinitionChangeTests
{
    [Fact]
    public async Task Each_changed_key_is_annotated_on_its_line_of_the_config_in_the_workspace()
    {
        // arrange: compare placed generation.max_tokens on line 9 of the workspace's evals/cigate.yml
        await using var h = await PublishHarness.StartAsync();
        var config = h.Temp.Combine("evals", "cigate.yml");
        var result = GateResults.Make(("mmlu-pro", Verdict.Warn, "definition changed: generation.max_tokens: 2048 → 1024 (on_definition_change: warn)"));
        var change = new DefinitionChange(["the suite definition changed"], [new DefinitionKeyChange("generation.max_tokens", "generation.max_tokens: 2048 → 1024", config, 9)], true, DefinitionChangePolicy.Warn) { File = config, Line = 4 };
        result = result with { Suites = [result.Suites[0] with { Suite = result.Suites[0].Suite with { DefinitionChange = change } }] };
        var reports = await ReportsFolder.WriteAsync(h.Temp.Combine("r"), result);

        // act
        var exit = await h.PublishAsync(reports);

        // assert
        var annotations = Assert.Single(h.Fake.State.Snapshot().CheckRuns).Annotations;
        var key = Assert.Single(annotations, a => a.Message == "generation.max_tokens: 2048 → 1024");
        Assert.Equal(("evals/cigate.yml", 9, "warning"), (key.Path, key.StartLine, key.Level));
        Assert.Contains("::warning file=evals/cigate.yml,line=9,title=CiGate%3A definition changed::mmlu-pro on sim: generation.max_tokens: 2048 → 1024", h.Stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, exit);
    }

    [Fact]
    public async Task A_base_recorded_by_an_older_cigate_is_annotated_on_the_suite_line()
    {
        await using var h = await PublishHarness.StartAsync();
        var config = h.Temp.Combine("cigate.yml");
        var result = GateResults.Make(("qa", Verdict.Fail, "definition changed (keys unknown: base recorded by an older cigate) (on_definition_change: fail)"));
        var change = new DefinitionChange(["the suite definition changed"], [], false, DefinitionChangePolicy.Fail) { File = config, Line = 12 };
        result = result with { Suites = [result.Suites[0] with { Suite = result.Suites[0].Suite with { DefinitionChange = change } }] };

        await h.PublishAsync(await ReportsFolder.WriteAsync(h.Temp.Combine("r"), result));

        var key = Assert.Single(Assert.Single(h.Fake.State.Snapshot().CheckRuns).Annotations, a => a.Message == DefinitionChange.UnknownKeys);
        Assert.Equal(("cigate.yml", 12, "failure"), (key.Path, key.StartLine, key.Level));
    }

    [Theory]
    [InlineData(true, "action_required", "inconclusive: no base results (no artifact for the base commit)", 3)]
    [InlineData(false, "neutral", "none: no base results (no artifact for the base commit)", 0)]
    public async Task A_missing_base_is_named_in_the_check_run(bool required, string conclusion, string title, int exitCode)
    {
        await using var h = await PublishHarness.StartAsync();
        var gated = GateResults.Make(("qa", Verdict.Pass, "new suite: no base run to compare with"));
        var result = Gate.WithoutBase(gated, new NoBase("no artifact for the base commit", required));

        var exit = await h.PublishAsync(await ReportsFolder.WriteAsync(h.Temp.Combine("r"), result));

        var run = Assert.Single(h.Fake.State.Snapshot().CheckRuns);
        Assert.Equal((conclusion, title, exitCode), (run.Conclusion, run.Title, exit));
        Assert.Single(h.Fake.State.Snapshot().Comments);
    }
}
