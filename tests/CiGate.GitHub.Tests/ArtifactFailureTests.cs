using System.IO.Compression;
using CiGate.Core.Diagnostics;
using CiGate.GitHub.Api;
using CiGate.GitHub.Artifacts;
using CiGate.GitHub.Fake.State;
using CiGate.GitHub.Tests.Support;

namespace CiGate.GitHub.Tests;

/// <summary>
/// download-base fails closed: only "no trusted artifact" is not-found (exit 4); a refused token,
/// an outage that outlasts the retries or a hostile artifact is a failure the action reports.
/// </summary>
public sealed class ArtifactFailureTests
{
    private const string BaseSha = "abcabcabcabcabcabcabcabcabcabcabcabcabca";

    [Fact]
    public async Task Two_server_errors_then_success_downloads_the_base_after_backing_off()
    {
        // arrange: the first two API calls answer 502
        await using var h = await PublishHarness.StartAsync();
        var expected = Seed(h);
        h.Fake.State.Config = new FakeConfig(ServerErrors: 2);

        // act
        var downloaded = await ArtifactDownloader.DownloadAsync(h.Api(), "octo", "repo", "cigate-results", BaseSha, h.Temp.Combine("base"), TestContext.Current.CancellationToken);

        // assert: two waits, the second about twice the first (2 s then 4 s, each scaled 0.5-1)
        Assert.Equal(expected, downloaded.Id);
        Assert.Equal(2, h.Waits.Count);
        Assert.InRange(h.Waits[0], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.InRange(h.Waits[1], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
        Assert.Equal([502, 502, 200], h.Fake.State.Snapshot().Requests.Take(3).Select(r => r.Status));
        Assert.Contains("502", h.Stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried()
    {
        await using var h = await PublishHarness.StartAsync();
        var expected = Seed(h);
        h.Fake.State.Config = new FakeConfig(DroppedConnections: 1);

        var downloaded = await ArtifactDownloader.DownloadAsync(h.Api(), "octo", "repo", "cigate-results", BaseSha, h.Temp.Combine("base"), TestContext.Current.CancellationToken);

        Assert.Equal(expected, downloaded.Id);
        Assert.Single(h.Waits);
    }

    [Fact]
    public async Task An_outage_that_outlasts_the_retries_is_a_failure_not_a_missing_base()
    {
        await using var h = await PublishHarness.StartAsync();
        Seed(h);
        h.Fake.State.Config = new FakeConfig(ServerErrors: 100);

        var ex = await Assert.ThrowsAsync<CiGateException>(() => ArtifactDownloader.DownloadAsync(h.Api(), "octo", "repo", "cigate-results", BaseSha, h.Temp.Combine("base"), TestContext.Current.CancellationToken));

        Assert.Equal((DiagnosticCodes.GitHubRequestFailed, ExitCodes.Infrastructure), (ex.Diagnostics[0].Code, ex.ExitCode));
        Assert.Contains("502", ex.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal(RateLimitRetry.MaxAttempts, h.Fake.State.Snapshot().Requests.Count);
        Assert.Equal(RateLimitRetry.MaxAttempts - 1, h.Waits.Count);
    }

    [Fact]
    public async Task A_403_without_a_rate_limit_is_not_retried_and_names_actions_read()
    {
        await using var h = await PublishHarness.StartAsync();
        Seed(h);
        h.Fake.State.Config = new FakeConfig(Forbidden: true);

        var ex = await Assert.ThrowsAsync<CiGateException>(() => ArtifactDownloader.DownloadAsync(h.Api(), "octo", "repo", "cigate-results", BaseSha, h.Temp.Combine("base"), TestContext.Current.CancellationToken));

        Assert.Equal((DiagnosticCodes.GitHubPermission, ExitCodes.Infrastructure), (ex.Diagnostics[0].Code, ex.ExitCode));
        Assert.Contains("403", ex.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("'actions: read'", ex.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Single(h.Fake.State.Snapshot().Requests);
        Assert.Empty(h.Waits);
    }

    [Fact]
    public async Task The_command_exits_3_on_a_refused_token_4_when_not_found_and_0_once_found()
    {
        // arrange: the real cigate process against the fake
        await using var h = await PublishHarness.StartAsync();
        Seed(h);
        var output = h.Temp.Combine("base");
        string[] args = ["github", "download-base", "--artifact", "cigate-results", "--out", output, "--sha"];

        // act
        h.Fake.State.Config = new FakeConfig(Forbidden: true);
        var forbidden = await ChildProcess.RunAsync(ChildProcess.Dotnet("cigate.dll", h.Env, [.. args, BaseSha]));
        h.Fake.State.Config = new FakeConfig();
        var missing = await ChildProcess.RunAsync(ChildProcess.Dotnet("cigate.dll", h.Env, [.. args, "ffffffffffffffffffffffffffffffffffffffff"]));
        var found = await ChildProcess.RunAsync(ChildProcess.Dotnet("cigate.dll", h.Env, [.. args, BaseSha]));

        // assert: one line each, never a stack trace
        Assert.Equal(ExitCodes.Infrastructure, forbidden.ExitCode);
        Assert.StartsWith("error CIGATE0503: ", forbidden.Stderr, StringComparison.Ordinal);
        Assert.Contains("'actions: read'", forbidden.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, missing.ExitCode);
        Assert.StartsWith("error CIGATE0505: ", missing.Stderr, StringComparison.Ordinal);
        Assert.True(found.ExitCode == 0, found.Stderr);
        Assert.DoesNotContain("   at ", forbidden.Stderr + missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_refuses_a_zip_bomb_with_exit_2_and_keeps_nothing()
    {
        // arrange: 64 MiB of zeros (a 64 KB zip); the command is run with a 16 MiB bound
        await using var h = await PublishHarness.StartAsync();
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var stream = await archive.CreateEntry("items.jsonl", CompressionLevel.SmallestSize).OpenAsync(TestContext.Current.CancellationToken);
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
            {
                await stream.WriteAsync(zeros, TestContext.Current.CancellationToken);
            }
        }

        h.Fake.State.AddArtifact("octo/repo", "cigate-results", BaseSha, DateTimeOffset.UtcNow, zip.ToArray());
        var output = h.Temp.Combine("base");

        // act
        var bomb = await ChildProcess.RunAsync(ChildProcess.Dotnet("cigate.dll", h.Env, "github", "download-base", "--artifact", "cigate-results", "--sha", BaseSha, "--out", output, "--max-extract-mb", "16"));

        // assert
        Assert.Equal(ExitCodes.UsageOrConfig, bomb.ExitCode);
        Assert.StartsWith("error CIGATE0521: ", bomb.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(output) ? Directory.GetFiles(output, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task The_command_refuses_a_file_and_a_folder_of_one_name_with_a_code()
    {
        // arrange: "results" is a file and also the folder of "results/items.jsonl" (was CIGATE0000, exit 3)
        await using var h = await PublishHarness.StartAsync();
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in new[] { "results", "results/items.jsonl" })
            {
                await using var stream = await archive.CreateEntry(name).OpenAsync(TestContext.Current.CancellationToken);
                await stream.WriteAsync("{}"u8.ToArray(), TestContext.Current.CancellationToken);
            }
        }

        h.Fake.State.AddArtifact("octo/repo", "cigate-results", BaseSha, DateTimeOffset.UtcNow, zip.ToArray());

        // act
        var clash = await ChildProcess.RunAsync(ChildProcess.Dotnet("cigate.dll", h.Env, "github", "download-base", "--artifact", "cigate-results", "--sha", BaseSha, "--out", h.Temp.Combine("base")));

        // assert
        Assert.Equal(ExitCodes.UsageOrConfig, clash.ExitCode);
        Assert.StartsWith("error CIGATE0520: refusing the artifact: the entry 'results' is both a file and a folder", clash.Stderr, StringComparison.Ordinal);
    }

    private static long Seed(PublishHarness h)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(archive.CreateEntry("results.json").Open()))
        {
            writer.Write("{}");
        }

        return h.Fake.State.AddArtifact("octo/repo", "cigate-results", BaseSha, DateTimeOffset.UtcNow, zip.ToArray()).Id;
    }
}
