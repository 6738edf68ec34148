using System.Text.Json.Nodes;
using CiGate.History.Tests.Support;

namespace CiGate.History.Tests;

/// <summary>`cigate history ...` end to end in process, on a SQLite file.</summary>
public sealed class HistoryCommandTests(PostgresServer postgres) : IDisposable
{
    private readonly StoreFactory stores = new(postgres);

    [Fact]
    public async Task Record_list_trend_changepoints_and_site()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = stores.SqlitePath;
        for (var i = 0; i < 3; i++)
        {
            var folder = Path.Combine(stores.Folder, $"run{i}");
            await SyntheticRuns.WriteAsync(SyntheticRuns.Create($"run-{i}", items: 100, accuracy: 0.7 + (0.01 * i), seed: i, started: SyntheticRuns.Epoch.AddDays(i)), folder, ct);
            var recorded = await CigateCli.RunAsync("history", "record", folder, "--db", db, "--commit", $"{i}{i}{i}{i}aaaa", "--branch", "main", "--repository", "o/r");
            Assert.True(recorded.ExitCode == 0, recorded.Stderr);
            Assert.Contains($"run run-{i} ({i}{i}{i}{i}aaa) recorded in {db}", recorded.Stdout, StringComparison.Ordinal);
        }

        var again = await CigateCli.RunAsync("history", "record", Path.Combine(stores.Folder, "run0"), "--db", db);
        var list = await CigateCli.RunAsync("history", "list", "--db", db, "--branch", "main");
        var json = await CigateCli.RunAsync("history", "list", "--db", db, "--format", "json", "--last", "1");
        var trend = await CigateCli.RunAsync("history", "trend", "--db", db, "--suite", SyntheticRuns.Suite, "--metric", SyntheticRuns.Metric, "--branch", "main");
        var md = await CigateCli.RunAsync("history", "trend", "--db", db, "--suite", SyntheticRuns.Suite, "--metric", SyntheticRuns.Metric, "--format", "md");
        var html = Path.Combine(stores.Folder, "trend.html");
        var page = await CigateCli.RunAsync("history", "trend", "--db", db, "--suite", SyntheticRuns.Suite, "--metric", SyntheticRuns.Metric, "--format", "html", "--out", html);
        var changes = await CigateCli.RunAsync("history", "changepoints", "--db", db, "--suite", SyntheticRuns.Suite, "--metric", SyntheticRuns.Metric, "--branch", "main");
        var site = await CigateCli.RunAsync("history", "site", "--db", db, "--out", Path.Combine(stores.Folder, "site"));

        Assert.Contains("already recorded (nothing changed)", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(4, list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("mmlu-pro@sim exact_match,custom-extract=0.0000 exact_match,mmlu-pro=", list.Stdout, StringComparison.Ordinal);
        Assert.Equal("run-2", JsonNode.Parse(json.Stdout)![0]!["run_id"]!.GetValue<string>());
        Assert.Contains("target sim", trend.Stdout, StringComparison.Ordinal);
        Assert.Equal(3, trend.Stdout.Split('\n').Count(l => l.Contains("sim-model", StringComparison.Ordinal)));
        Assert.Contains("```mermaid\nxychart-beta\n", md.Stdout, StringComparison.Ordinal);
        Assert.True(page.ExitCode == 0 && File.ReadAllText(html).Contains("<svg", StringComparison.Ordinal), page.Stderr);
        Assert.Contains("3 runs, 0 change point(s)", changes.Stdout, StringComparison.Ordinal);
        Assert.True(site.ExitCode == 0, site.Stderr);
        Assert.True(File.Exists(Path.Combine(stores.Folder, "site", "index.html")));
    }

    [Fact]
    public async Task History_compare_renders_what_compare_renders_for_the_same_two_runs()
    {
        // arrange: v1.3 and v1.4 as folders, recorded with their full outputs
        var ct = TestContext.Current.CancellationToken;
        var (baseDir, headDir) = (Path.Combine(stores.Folder, "base"), Path.Combine(stores.Folder, "head"));
        await SyntheticRuns.WriteAsync(SyntheticRuns.Create("base-run", items: 300, accuracy: 0.75, seed: 1), baseDir, ct);
        await SyntheticRuns.WriteAsync(SyntheticRuns.Create("head-run", items: 300, accuracy: 0.70, seed: 2, started: SyntheticRuns.Epoch.AddDays(1)), headDir, ct);
        var db = stores.SqlitePath;
        Assert.Equal(0, (await CigateCli.RunAsync("history", "record", baseDir, "--db", db, "--tag", "v1.3", "--commit", "1111aaaa", "--output-chars", "100000")).ExitCode);
        Assert.Equal(0, (await CigateCli.RunAsync("history", "record", headDir, "--db", db, "--tag", "v1.4", "--commit", "2222bbbb", "--output-chars", "100000")).ExitCode);

        // act
        var fromHistory = await CigateCli.RunAsync("history", "compare", "v1.3", "2222", "--db", db, "--out", Path.Combine(stores.Folder, "h"));
        var fromFolders = await CigateCli.RunAsync("compare", "--base", baseDir, "--head", headDir, "--out", Path.Combine(stores.Folder, "f"));

        // assert: the same verdict and exit code, and the same reports but for where the runs came from
        Assert.Equal(fromFolders.ExitCode, fromHistory.ExitCode);
        Assert.Equal(1, fromHistory.ExitCode);
        foreach (var file in new[] { "comment.md", "summary.md", "report.html", "junit.xml", "gate.json" })
        {
            var expected = Normalize(File.ReadAllText(Path.Combine(stores.Folder, "f", file)), baseDir, headDir);
            var actual = Normalize(File.ReadAllText(Path.Combine(stores.Folder, "h", file)), "history:base-run", "history:head-run");
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task History_export_writes_a_results_folder_that_compares_like_the_recorded_one()
    {
        // arrange: main's run recorded (the folder itself then gone, as on a PR runner), a PR's head as a folder
        var ct = TestContext.Current.CancellationToken;
        var (baseDir, headDir) = (Path.Combine(stores.Folder, "base"), Path.Combine(stores.Folder, "head"));
        await SyntheticRuns.WriteAsync(SyntheticRuns.Create("main-run", items: 300, accuracy: 0.75, seed: 1), baseDir, ct);
        await SyntheticRuns.WriteAsync(SyntheticRuns.Create("pr-run", items: 300, accuracy: 0.70, seed: 2, started: SyntheticRuns.Epoch.AddDays(1)), headDir, ct);
        var db = stores.SqlitePath;
        Assert.Equal(0, (await CigateCli.RunAsync("history", "record", baseDir, "--db", db, "--commit", "3333cccc", "--branch", "main", "--output-chars", "100000")).ExitCode);
        var exportedDir = Path.Combine(stores.Folder, "exported");

        // act
        var exported = await CigateCli.RunAsync("history", "export", "3333", "--db", db, "--out", exportedDir);
        var again = await CigateCli.RunAsync("history", "export", "3333", "--db", db, "--out", exportedDir);
        var fromExport = await CigateCli.RunAsync("compare", "--base", exportedDir, "--head", headDir, "--out", Path.Combine(stores.Folder, "x"));
        var fromFolders = await CigateCli.RunAsync("compare", "--base", baseDir, "--head", headDir, "--out", Path.Combine(stores.Folder, "f2"));

        // assert: the folder checks out (items digest), holds every item, and compares exactly as the original
        Assert.Equal(0, exported.ExitCode);
        Assert.Contains("exported run main-run (3333ccc", exported.Stdout, StringComparison.Ordinal);
        var loaded = CiGate.Core.Comparing.LoadedRun.Load(exportedDir);
        Assert.Null(loaded.Unverified);
        Assert.Equal(CiGate.Core.Comparing.LoadedRun.Load(baseDir).Items.Count, loaded.Items.Count);
        Assert.Equal(fromFolders.ExitCode, fromExport.ExitCode);
        foreach (var file in new[] { "comment.md", "gate.json", "junit.xml" })
        {
            var expected = Normalize(File.ReadAllText(Path.Combine(stores.Folder, "f2", file)), baseDir, headDir);
            var actual = Normalize(File.ReadAllText(Path.Combine(stores.Folder, "x", file)), exportedDir, headDir);
            Assert.Equal(expected, actual);
        }

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("exported: error CIGATE0404: this folder already holds a run", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_with_record_stores_the_head_run_and_the_output_tails_asked_for()
    {
        var ct = TestContext.Current.CancellationToken;
        var (baseDir, headDir) = (Path.Combine(stores.Folder, "base"), Path.Combine(stores.Folder, "head"));
        await SyntheticRuns.WriteAsync(SyntheticRuns.Create("base-run", seed: 1), baseDir, ct);
        var head = SyntheticRuns.Create("head-run", seed: 1);
        await SyntheticRuns.WriteAsync(head, headDir, ct);

        var compared = await CigateCli.RunAsync("compare", "--base", baseDir, "--head", headDir, "--record", "--history-db", stores.SqlitePath, "--history-output-chars", "12");
        var list = await CigateCli.RunAsync("history", "list", "--db", stores.SqlitePath, "--format", "json");
        await using var store = await HistoryStores.OpenAsync(new HistoryLocation(stores.SqlitePath, null), ct);
        var stored = (await store.LoadAsync("head-run", ct))!.Items[0];

        Assert.True(compared.ExitCode == 0, compared.Stdout + compared.Stderr);
        Assert.Contains("history: run head-run", compared.Stderr, StringComparison.Ordinal);
        Assert.Equal(["head-run"], JsonNode.Parse(list.Stdout)!.AsArray().Select(r => r!["run_id"]!.GetValue<string>()));
        Assert.Equal("…" + head.Items[0].Output![^12..], stored.Output);
    }

    [Fact]
    public async Task Errors_are_one_line_diagnostics_with_exit_code_2()
    {
        var db = stores.SqlitePath;
        var folder = Path.Combine(stores.Folder, "r");
        await SyntheticRuns.WriteAsync(SyntheticRuns.Create("r1"), folder, TestContext.Current.CancellationToken);
        await CigateCli.RunAsync("history", "record", folder, "--db", db);

        var unknown = await CigateCli.RunAsync("history", "compare", "v0.1", "r1", "--db", db, "--out", Path.Combine(stores.Folder, "x"));
        var noMetric = await CigateCli.RunAsync("history", "trend", "--db", db, "--suite", SyntheticRuns.Suite, "--metric", "accuracy");
        var noEnv = await CigateCli.RunAsync("history", "list", "--postgres-env", "CIGATE_TEST_UNSET_VARIABLE");
        var both = await CigateCli.RunAsync("history", "list", "--db", db, "--postgres-env", "X");
        var notResults = await CigateCli.RunAsync("history", "record", stores.Folder, "--db", db);

        AssertError(unknown, "CIGATE0704", "no recorded run matches 'v0.1'");
        AssertError(noMetric, "CIGATE0706", "suite 'mmlu-pro' has metrics exact_match,custom-extract, exact_match,mmlu-pro");
        AssertError(noEnv, "CIGATE0702", "environment variable 'CIGATE_TEST_UNSET_VARIABLE' is not set or empty");
        AssertError(both, "CIGATE0012", "give either --db or --postgres-env, not both");
        AssertError(notResults, "CIGATE0401", "no results.json here");
    }

    [Fact]
    public async Task The_postgres_connection_string_comes_from_the_environment_and_is_never_printed()
    {
        var ct = TestContext.Current.CancellationToken;
        var connection = await stores.PostgresConnectionAsync(ct);
        var folder = Path.Combine(stores.Folder, "r");
        await SyntheticRuns.WriteAsync(SyntheticRuns.Create("pg-run"), folder, ct);
        const string Variable = "CIGATE_TEST_HISTORY_PG";
        Environment.SetEnvironmentVariable(Variable, connection);
        try
        {
            var recorded = await CigateCli.RunAsync("history", "record", folder, "--postgres-env", Variable, "--tag", "v2.0");
            var list = await CigateCli.RunAsync("history", "list", "--postgres-env", Variable);

            Assert.True(recorded.ExitCode == 0, recorded.Stderr);
            Assert.Contains($"recorded in PostgreSQL (${Variable})", recorded.Stdout, StringComparison.Ordinal);
            Assert.Contains("v2.0", list.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("Host=", recorded.Stdout + recorded.Stderr + list.Stdout + list.Stderr, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    private static void AssertError((int ExitCode, string Stdout, string Stderr) result, string code, string text)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stderr}");
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"error {code}: ", line, StringComparison.Ordinal);
        Assert.Contains(text, line, StringComparison.Ordinal);
    }

    private static string Normalize(string text, string baseFolder, string headFolder) =>
        text.Replace(Path.GetFullPath(baseFolder), "BASE", StringComparison.Ordinal).Replace(Path.GetFullPath(headFolder), "HEAD", StringComparison.Ordinal)
            .Replace(baseFolder, "BASE", StringComparison.Ordinal).Replace(headFolder, "HEAD", StringComparison.Ordinal);

    public void Dispose() => stores.Dispose();
}
