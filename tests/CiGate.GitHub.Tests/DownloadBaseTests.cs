using System.IO.Compression;
using System.Text;
using CiGate.Core.Diagnostics;
using CiGate.GitHub.Artifacts;
using CiGate.GitHub.Tests.Support;

namespace CiGate.GitHub.Tests;

public sealed class DownloadBaseTests
{
    private const string BaseSha = "abcabcabcabcabcabcabcabcabcabcabcabcabca";
    private static readonly DateTimeOffset Day = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Picks_the_newest_artifact_built_from_the_sha_and_extracts_it()
    {
        // arrange: decoys on every axis (other sha, other name, older run of the same sha)
        await using var h = await PublishHarness.StartAsync();
        Seed(h, "cigate-results", "ffffffffffffffffffffffffffffffffffffffff", Day.AddHours(5), ("results.json", "other sha"));
        Seed(h, "cigate-results", BaseSha, Day.AddHours(1), ("results.json", "older run"));
        var expected = Seed(h, "cigate-results", BaseSha, Day.AddHours(2), ("results.json", "newest run"), ("nested/items.jsonl", "{}\n"));
        Seed(h, "other-artifact", BaseSha, Day.AddHours(3), ("results.json", "other name"));
        var output = h.Temp.Combine("base");

        // act
        var downloaded = await ArtifactDownloader.DownloadAsync(h.Api(), "octo", "repo", "cigate-results", BaseSha, output, TestContext.Current.CancellationToken);

        // assert
        Assert.Equal((expected, 2), (downloaded.Id, downloaded.Files));
        Assert.Equal("newest run", await File.ReadAllTextAsync(Path.Combine(output, "results.json"), TestContext.Current.CancellationToken));
        Assert.Equal("{}\n", await File.ReadAllTextAsync(Path.Combine(output, "nested", "items.jsonl"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Walks_every_page_of_artifacts()
    {
        // arrange: 150 newer artifacts of the same name push the one we need to page 2
        await using var h = await PublishHarness.StartAsync();
        var wanted = Seed(h, "cigate-results", BaseSha, Day, ("results.json", "base"));
        for (var i = 0; i < 150; i++)
        {
            Seed(h, "cigate-results", $"{i:x40}", Day.AddMinutes(i + 1), ("results.json", "noise"));
        }

        // act
        var downloaded = await ArtifactDownloader.DownloadAsync(h.Api(), "octo", "repo", "cigate-results", BaseSha, h.Temp.Combine("base"), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal(wanted, downloaded.Id);
    }

    [Fact]
    public async Task No_artifact_for_the_sha_is_not_found_naming_both()
    {
        await using var h = await PublishHarness.StartAsync();
        Seed(h, "cigate-results", "ffffffffffffffffffffffffffffffffffffffff", Day, ("results.json", "x"));

        var ex = await Assert.ThrowsAsync<CiGateException>(() => ArtifactDownloader.DownloadAsync(h.Api(), "octo", "repo", "cigate-results", BaseSha, h.Temp.Combine("base"), TestContext.Current.CancellationToken));

        Assert.Equal((DiagnosticCodes.GitHubArtifactNotFound, ExitCodes.NotFound), (ex.Diagnostics[0].Code, ex.ExitCode));
        Assert.Contains("'cigate-results'", ex.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains(BaseSha, ex.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("nested/../../escape.txt")]
    [InlineData("/tmp/absolute-escape.txt")]
    public async Task An_entry_escaping_the_folder_refuses_the_whole_archive(string entry)
    {
        // arrange: a harmless entry first, so a half-extracted archive would show
        await using var h = await PublishHarness.StartAsync();
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using (var first = await archive.CreateEntry("results.json").OpenAsync(TestContext.Current.CancellationToken))
            {
                await first.WriteAsync("{}"u8.ToArray(), TestContext.Current.CancellationToken);
            }

            await using var evil = await archive.CreateEntry(entry).OpenAsync(TestContext.Current.CancellationToken);
            await evil.WriteAsync("pwned"u8.ToArray(), TestContext.Current.CancellationToken);
        }

        h.Fake.State.AddArtifact("octo/repo", "cigate-results", BaseSha, Day, zip.ToArray());
        var output = h.Temp.Combine("out", "base");

        // act
        var ex = await Assert.ThrowsAsync<CiGateException>(() => ArtifactDownloader.DownloadAsync(h.Api(), "octo", "repo", "cigate-results", BaseSha, output, TestContext.Current.CancellationToken));

        // assert: a hostile artifact is bad input (exit 2), not an outage
        Assert.Equal((DiagnosticCodes.GitHubArtifactUnsafe, ExitCodes.UsageOrConfig), (ex.Diagnostics[0].Code, ex.ExitCode));
        Assert.False(Directory.Exists(output));
        Assert.False(File.Exists(h.Temp.Combine("out", "escape.txt")));
    }

    [Fact]
    public async Task A_token_without_actions_read_names_that_permission()
    {
        await using var h = await PublishHarness.StartAsync();
        h.Fake.State.Config = new(RequireToken: "the-right-one");

        var ex = await Assert.ThrowsAsync<CiGateException>(() => ArtifactDownloader.DownloadAsync(h.Api(), "octo", "repo", "cigate-results", BaseSha, h.Temp.Combine("base"), TestContext.Current.CancellationToken));

        Assert.Equal((DiagnosticCodes.GitHubPermission, ExitCodes.Infrastructure), (ex.Diagnostics[0].Code, ex.ExitCode));
        Assert.Contains("'actions: read'", ex.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_history_store_is_the_newest_artifact_of_its_name_from_any_commit()
    {
        // arrange: main's older store, a tag's newer one (another commit), and a decoy name
        await using var h = await PublishHarness.StartAsync();
        Seed(h, "cigate-history", BaseSha, Day.AddHours(1), ("history.db", "main's store"));
        var tag = Seed(h, "cigate-history", "ffffffffffffffffffffffffffffffffffffffff", Day.AddHours(2), ("history.db", "tag's store"));
        Seed(h, "cigate-results", BaseSha, Day.AddHours(3), ("history.db", "other name"));
        var output = h.Temp.Combine("history");

        // act
        var downloaded = await ArtifactDownloader.TryDownloadNewestAsync(h.Api(), "octo", "repo", "cigate-history", output, TestContext.Current.CancellationToken);

        // assert
        Assert.Equal((tag, "ffffffffffffffffffffffffffffffffffffffff"), (downloaded?.Id, downloaded?.HeadSha));
        Assert.Equal("tag's store", await File.ReadAllTextAsync(Path.Combine(output, "history.db"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task No_history_artifact_yet_is_null_but_a_refused_listing_throws()
    {
        // arrange: other names only, so the first recording starts a new store
        await using var h = await PublishHarness.StartAsync();
        Seed(h, "cigate-results", BaseSha, Day, ("results.json", "x"));

        // act
        var none = await ArtifactDownloader.TryDownloadNewestAsync(h.Api(), "octo", "repo", "cigate-history", h.Temp.Combine("a"), TestContext.Current.CancellationToken);
        h.Fake.State.Config = new(RequireToken: "the-right-one");
        var refused = await Assert.ThrowsAsync<CiGateException>(() => ArtifactDownloader.TryDownloadNewestAsync(h.Api(), "octo", "repo", "cigate-history", h.Temp.Combine("b"), TestContext.Current.CancellationToken));

        // assert: an outage must never read as "no history", or a new empty store would replace it
        Assert.Null(none);
        Assert.Equal(ExitCodes.Infrastructure, refused.ExitCode);
    }

    private static long Seed(PublishHarness h, string name, string sha, DateTimeOffset created, params (string Path, string Text)[] files)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, text) in files)
            {
                using var stream = archive.CreateEntry(path).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return h.Fake.State.AddArtifact("octo/repo", name, sha, created, zip.ToArray()).Id;
    }
}
