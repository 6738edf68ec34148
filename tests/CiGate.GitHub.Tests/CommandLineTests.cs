using CiGate.Core.Diagnostics;
using CiGate.Core.Gating;
using CiGate.GitHub.Fake.State;
using CiGate.GitHub.Tests.Support;

namespace CiGate.GitHub.Tests;

/// <summary>The real `cigate github ...` process, configured only through GITHUB_* variables.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Publish_posts_and_exits_with_the_gates_code()
    {
        // arrange
        await using var h = await PublishHarness.StartAsync();
        var reports = await ReportsFolder.WriteAsync(h.Temp.Combine("r"), ("mmlu-pro", Verdict.Fail, "dropped"));

        // act
        var (exit, stdout, stderr) = await ChildProcess.RunAsync(ChildProcess.Dotnet("cigate.dll", h.Env, "github", "publish", "--reports", reports, "--check-name", "LLM gate"));

        // assert
        Assert.True(exit == 1, stderr);
        Assert.Equal("::error title=CiGate::mmlu-pro on sim fail: dropped", stdout.Trim());
        var snapshot = h.Fake.State.Snapshot();
        Assert.Single(snapshot.Comments);
        Assert.Equal(("LLM gate", "failure"), (Assert.Single(snapshot.CheckRuns).Name, snapshot.CheckRuns[0].Conclusion));
        Assert.True(File.Exists(h.SummaryPath));
    }

    [Fact]
    public async Task A_rejected_token_prints_one_error_line_without_a_stack_trace()
    {
        // arrange
        await using var h = await PublishHarness.StartAsync();
        h.Fake.State.Config = new FakeConfig(RequireToken: "abc");
        var reports = await ReportsFolder.WriteAsync(h.Temp.Combine("r"), ("mmlu-pro", Verdict.Pass, "ok"));

        // act
        var (exit, _, stderr) = await ChildProcess.RunAsync(ChildProcess.Dotnet("cigate.dll", h.Env, "github", "publish", "--reports", reports));

        // assert
        Assert.Equal(3, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("error CIGATE0503: ", line, StringComparison.Ordinal);
        Assert.Contains("'pull-requests: write'", line, StringComparison.Ordinal);
        Assert.DoesNotContain(PublishHarness.Token, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_refuses_pull_request_target_with_exit_2()
    {
        await using var h = await PublishHarness.StartAsync(eventName: "pull_request_target");
        var reports = await ReportsFolder.WriteAsync(h.Temp.Combine("r"), ("mmlu-pro", Verdict.Pass, "ok"));

        var (exit, _, stderr) = await ChildProcess.RunAsync(ChildProcess.Dotnet("cigate.dll", h.Env, "github", "publish", "--reports", reports));

        Assert.Equal(2, exit);
        Assert.StartsWith("error CIGATE0502: ", stderr, StringComparison.Ordinal);
        Assert.Empty(h.Fake.State.Snapshot().Requests);
    }

    [Fact]
    public async Task Download_base_extracts_the_artifact_and_exits_4_when_there_is_none()
    {
        // arrange
        await using var h = await PublishHarness.StartAsync();
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(archive.CreateEntry("results.json").Open()))
        {
            await writer.WriteAsync("{}");
        }

        h.Fake.State.AddArtifact("octo/repo", "cigate-base", "aaaa", DateTimeOffset.UtcNow, zip.ToArray());
        var output = h.Temp.Combine("base");

        // act
        var found = await ChildProcess.RunAsync(ChildProcess.Dotnet("cigate.dll", h.Env, "github", "download-base", "--artifact", "cigate-base", "--sha", "aaaa", "--out", output));
        var missing = await ChildProcess.RunAsync(ChildProcess.Dotnet("cigate.dll", h.Env, "github", "download-base", "--artifact", "cigate-base", "--sha", "bbbb", "--out", output));

        // assert
        Assert.True(found.ExitCode == 0, found.Stderr);
        Assert.Equal("{}", await File.ReadAllTextAsync(Path.Combine(output, "results.json"), TestContext.Current.CancellationToken));
        Assert.Equal(ExitCodes.NotFound, missing.ExitCode);
        Assert.StartsWith("error CIGATE0505: ", missing.Stderr, StringComparison.Ordinal);
    }
}
