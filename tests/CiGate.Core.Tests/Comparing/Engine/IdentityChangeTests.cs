using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;
using CiGate.Core.Results;
using CiGate.Core.Targets;

namespace CiGate.Core.Tests.Comparing.Engine;

/// <summary>A change of what answered, between base and head: a silent swap is not compared; a declared one is.</summary>
public sealed class IdentityChangeTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("cigate-identity-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task Same_identity_on_both_sides_is_no_change()
    {
        var (suite, gate) = await CompareAsync(Identity("m", "fp_1"), Identity("m", "fp_1"));

        Assert.Null(suite.IdentityChange);
        Assert.Equal(Verdict.Pass, gate.Overall);
    }

    [Fact]
    public async Task A_new_fingerprint_behind_the_same_model_makes_the_suite_inconclusive_and_names_it_first()
    {
        var (suite, gate) = await CompareAsync(Identity("m", "fp_1"), Identity("m", "fp_2"));

        var change = Assert.IsType<IdentityChange>(suite.IdentityChange);
        Assert.False(change.Declared);
        Assert.Equal(["system_fingerprint fp_1 → fp_2"], change.Differences);
        var verdict = Assert.Single(gate.Suites);
        Assert.Equal(Verdict.Inconclusive, verdict.Verdict);
        Assert.StartsWith("served identity changed without a declared model change: system_fingerprint fp_1 → fp_2", verdict.Reasons[0], StringComparison.Ordinal);
        Assert.Equal(Verdict.Inconclusive, gate.Overall);
    }

    [Fact]
    public async Task A_swapped_served_model_is_flagged_even_without_identity_blocks()
    {
        // Folders written before identities were recorded still carry served_models.
        var (suite, gate) = await CompareAsync(null, null, baseServed: ["m-2026-01"], headServed: ["m-2026-06"]);

        Assert.Equal(["served model m-2026-01 → m-2026-06"], suite.IdentityChange!.Differences);
        Assert.Equal(Verdict.Inconclusive, Assert.Single(gate.Suites).Verdict);
    }

    [Fact]
    public async Task Model_change_expected_declares_the_swap_and_the_suite_is_compared()
    {
        var gates = new Dictionary<string, GateSettings> { ["qa"] = GateSettings.Default with { ModelChange = ModelChangePolicy.Expected } };

        var (suite, gate) = await CompareAsync(Identity("m", "fp_1"), Identity("m-new", "fp_2"), gates: gates, headServed: ["m-new"], baseServed: ["m"]);

        Assert.True(suite.IdentityChange!.Declared);
        var verdict = Assert.Single(gate.Suites);
        Assert.Equal(Verdict.Pass, verdict.Verdict);
        Assert.Contains(verdict.Reasons, r => r.StartsWith("served identity changed (declared: model_change: expected)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_changed_configured_model_declares_the_change_itself()
    {
        var (suite, gate) = await CompareAsync(Identity("a", "fp_1"), Identity("b", "fp_1"), headModel: "model-b", baseServed: ["a"], headServed: ["b"]);

        Assert.True(suite.IdentityChange!.Declared);
        Assert.Equal("the configured model changed: model-a → model-b", suite.IdentityChange.DeclaredBy);
        Assert.NotEqual(Verdict.Inconclusive, Assert.Single(gate.Suites).Verdict);
    }

    [Fact]
    public async Task Server_version_and_grader_changes_count_only_where_both_sides_recorded_them()
    {
        var unavailable = Identity("m", "fp_1") with { Server = ServerMetadata.None("/version did not answer") };
        var (same, _) = await CompareAsync(unavailable, Identity("m", "fp_1"));
        Assert.Null(same.IdentityChange);

        var judged = Identity("m", "fp_1") with { Server = new ServerMetadata("vllm 0.9", ["m"]) };
        var before = judged with { Judges = [new JudgeIdentity("judge", "grader", new ServerMetadata("vllm 0.9", null))] };
        var after = judged with
        {
            Server = new ServerMetadata("vllm 0.10", ["m"]),
            Judges = [new JudgeIdentity("judge", "grader", new ServerMetadata("vllm 0.10", null))],
        };
        var (changed, _) = await CompareAsync(before, after);
        Assert.Equal(["server version vllm 0.9 → vllm 0.10", "grader judge: grader (vllm 0.9) → grader (vllm 0.10)"], changed.IdentityChange!.Differences);
    }

    [Fact]
    public async Task The_identity_block_round_trips_through_results_json_and_old_folders_read_without_it()
    {
        var identity = Identity("m", "fp_1") with { Judges = [new JudgeIdentity("judge", "grader", ServerMetadata.None("not probed"))] };
        var folder = await new RunBuilder { Identity = identity }.Item("a", 1).WriteAsync(Path.Combine(root, "new"));
        var old = await new RunBuilder().Item("a", 1).WriteAsync(Path.Combine(root, "old"));

        var read = LoadedRun.Load(folder).Results.Suites.Single().Identity!;
        Assert.Equal(identity.Key(), read.Key());
        Assert.Equal("not probed", read.Judges![0].Server.Unavailable);
        Assert.Null(LoadedRun.Load(old).Results.Suites.Single().Identity);
        Assert.Contains("\"identity\"", await File.ReadAllTextAsync(Path.Combine(folder, RunResults.FileName), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain("\"identity\"", await File.ReadAllTextAsync(Path.Combine(old, RunResults.FileName), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static ServedIdentity Identity(string model, string fingerprint) =>
        new("model-a", [model], [fingerprint], new ServerMetadata(null, null));

    private async Task<(SuiteComparison Suite, GateResult Gate)> CompareAsync(
        ServedIdentity? baseIdentity,
        ServedIdentity? headIdentity,
        IReadOnlyDictionary<string, GateSettings>? gates = null,
        string headModel = "model-a",
        IReadOnlyList<string>? baseServed = null,
        IReadOnlyList<string>? headServed = null)
    {
        var name = Guid.NewGuid().ToString("n")[..8];
        var @base = await new RunBuilder { Identity = baseIdentity, ServedModels = baseServed ?? baseIdentity?.Models }
            .Items(50, i => i % 3 == 0 ? 0 : 1).WriteAsync(Path.Combine(root, name, "base"));
        var head = await new RunBuilder { Identity = headIdentity, ServedModels = headServed ?? headIdentity?.Models, Model = headModel }
            .Items(50, i => i % 3 == 0 ? 0 : 1).WriteAsync(Path.Combine(root, name, "head"));
        var comparison = Comparer.Compare(LoadedRun.Load(@base), LoadedRun.Load(head), new CompareOptions(Gates: gates));
        var result = Gate.Evaluate(comparison, gates ?? new Dictionary<string, GateSettings>());
        return (comparison.Suites.Single(), result);
    }
}
