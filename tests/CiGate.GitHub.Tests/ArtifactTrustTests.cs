using System.IO.Compression;
using System.Text;
using CiGate.Core.Diagnostics;
using CiGate.GitHub.Artifacts;
using CiGate.GitHub.Fake.State;
using CiGate.GitHub.Tests.Support;

namespace CiGate.GitHub.Tests;

/// <summary>
/// Artifacts are taken only from runs a pull request cannot start: a push to the default branch
/// or a tag (or schedule / workflow_dispatch on the default branch) of the repository itself.
/// </summary>
public sealed class ArtifactTrustTests
{
    private const string BaseSha = "abcabcabcabcabcabcabcabcabcabcabcabcabca";
    private static readonly DateTimeOffset Day = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_forks_newer_history_store_is_ignored_for_the_default_branchs()
    {
        // arrange: the reported attack: a fork's pull_request run uploads its own cigate-history
        // after main's, so the newest artifact of that name is the fork's
        await using var h = await PublishHarness.StartAsync();
        var main = Seed(h, "cigate-history", BaseSha, Day, new FakeRun(), "main's store");
        Seed(h, "cigate-history", "ffffffffffffffffffffffffffffffffffffffff", Day.AddHours(1), new FakeRun("pull_request", "main", "forker/repo"), "fork's store");
        var log = new StringWriter();

        // act
        var downloaded = await ArtifactDownloader.TryDownloadNewestAsync(h.Api(), "octo", "repo", "cigate-history", h.Temp.Combine("history"), TestContext.Current.CancellationToken, log: log);

        // assert
        Assert.Equal(main, downloaded?.Id);
        Assert.Equal("main's store", await File.ReadAllTextAsync(h.Temp.Combine("history", "history.db"), TestContext.Current.CancellationToken));
        Assert.Contains("fork's commit", log.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pull_request", "feature", null, "only push, schedule and workflow_dispatch runs are trusted")]
    [InlineData("pull_request", "main", null, "only push, schedule and workflow_dispatch runs are trusted")]
    [InlineData("pull_request_target", "main", null, "only push, schedule and workflow_dispatch runs are trusted")]
    [InlineData("workflow_run", "main", null, "only push, schedule and workflow_dispatch runs are trusted")]
    [InlineData("push", "feature", null, "neither the default branch 'main' nor a tag")]
    [InlineData("workflow_dispatch", "feature", null, "neither the default branch 'main' nor a tag")]
    [InlineData("push", "main", "forker/repo", "fork's commit")]
    public async Task An_untrusted_run_never_supplies_the_base(string eventName, string branch, string? headRepository, string reason)
    {
        // arrange: the only artifact for the base commit comes from that run
        await using var h = await PublishHarness.StartAsync();
        Seed(h, "cigate-results", BaseSha, Day, new FakeRun(eventName, branch, headRepository), "untrusted");
        var log = new StringWriter();
        var output = h.Temp.Combine("base");

        // act
        var ex = await Assert.ThrowsAsync<CiGateException>(() => ArtifactDownloader.DownloadAsync(h.Api(), "octo", "repo", "cigate-results", BaseSha, output, TestContext.Current.CancellationToken, log: log));

        // assert: "not found" (no base to compare with), never the untrusted folder
        Assert.Equal((DiagnosticCodes.GitHubArtifactNotFound, ExitCodes.NotFound), (ex.Diagnostics[0].Code, ex.ExitCode));
        Assert.Contains("1 from that commit refused as untrusted", ex.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains(reason, log.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("push")]
    [InlineData("schedule")]
    [InlineData("workflow_dispatch")]
    public async Task A_default_branch_run_supplies_the_base_over_newer_untrusted_ones(string eventName)
    {
        // arrange: newer artifacts of the same commit from a pull request's run and a fork
        await using var h = await PublishHarness.StartAsync();
        var trusted = Seed(h, "cigate-results", BaseSha, Day, new FakeRun(eventName, "main"), "trusted");
        Seed(h, "cigate-results", BaseSha, Day.AddHours(1), new FakeRun("pull_request", "feature"), "pr");
        Seed(h, "cigate-results", BaseSha, Day.AddHours(2), new FakeRun("push", "main", "forker/repo"), "fork");

        // act
        var downloaded = await ArtifactDownloader.DownloadAsync(h.Api(), "octo", "repo", "cigate-results", BaseSha, h.Temp.Combine("base"), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(trusted, downloaded.Id);
        Assert.Equal("trusted", await File.ReadAllTextAsync(h.Temp.Combine("base", "history.db"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_default_branch_is_the_repositorys_not_main()
    {
        await using var h = await PublishHarness.StartAsync();
        h.Fake.State.Config = new FakeConfig(DefaultBranch: "trunk");
        Seed(h, "cigate-history", BaseSha, Day.AddHours(1), new FakeRun("push", "main"), "main is just a branch here");
        var trunk = Seed(h, "cigate-history", BaseSha, Day, new FakeRun("push", "trunk"), "trunk");

        var downloaded = await ArtifactDownloader.TryDownloadNewestAsync(h.Api(), "octo", "repo", "cigate-history", h.Temp.Combine("h"), TestContext.Current.CancellationToken);

        Assert.Equal(trunk, downloaded?.Id);
    }

    [Fact]
    public async Task A_tag_push_is_trusted_only_when_the_tag_exists()
    {
        // arrange: two pushes naming v1.0 and v2.0 as their ref; only v1.0 is a tag of the repository
        await using var h = await PublishHarness.StartAsync();
        h.Fake.State.AddTag("octo/repo", "v1.0");
        var tag = Seed(h, "cigate-history", BaseSha, Day, new FakeRun("push", "v1.0"), "tag's store");
        Seed(h, "cigate-history", BaseSha, Day.AddHours(1), new FakeRun("push", "v2.0"), "a branch called v2.0");

        // act
        var downloaded = await ArtifactDownloader.TryDownloadNewestAsync(h.Api(), "octo", "repo", "cigate-history", h.Temp.Combine("h"), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(tag, downloaded?.Id);
    }

    [Fact]
    public async Task Only_untrusted_history_artifacts_is_no_history_yet()
    {
        // A fork cannot block recording by uploading the newest artifact: the first trusted
        // recording starts the store, and is trusted from then on.
        await using var h = await PublishHarness.StartAsync();
        Seed(h, "cigate-history", BaseSha, Day, new FakeRun("pull_request", "main", "forker/repo"), "fork's store");

        var downloaded = await ArtifactDownloader.TryDownloadNewestAsync(h.Api(), "octo", "repo", "cigate-history", h.Temp.Combine("h"), TestContext.Current.CancellationToken);

        Assert.Null(downloaded);
        Assert.False(File.Exists(h.Temp.Combine("h", "history.db")));
    }

    private static long Seed(PublishHarness h, string name, string sha, DateTimeOffset created, FakeRun run, string text)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var stream = archive.CreateEntry("history.db").Open();
            stream.Write(Encoding.UTF8.GetBytes(text));
        }

        return h.Fake.State.AddArtifact("octo/repo", name, sha, created, zip.ToArray(), run).Id;
    }
}
