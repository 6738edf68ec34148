using System.Buffers.Binary;
using System.IO.Compression;
using CiGate.Core.Diagnostics;
using CiGate.GitHub.Artifacts;
using CiGate.GitHub.Tests.Support;

namespace CiGate.GitHub.Tests;

/// <summary>Hostile archives: each is one CIGATE line and exit 2, and leaves no file behind.</summary>
public sealed class SafeZipTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Theory]
    [InlineData("results", "results/items.jsonl")]
    [InlineData("results/items.jsonl", "results")]
    [InlineData("a/b", "a/b/c/d.json")]
    public async Task A_file_and_a_folder_of_the_same_name_is_refused_before_writing(string first, string second)
    {
        var ex = await ExtractAsync(Zip((first, 10), (second, 10)), ZipLimits.Default);

        Assert.Equal((DiagnosticCodes.GitHubArtifactMalformed, ExitCodes.UsageOrConfig), (ex.Diagnostics[0].Code, ex.ExitCode));
        Assert.Contains("both a file and a folder", ex.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    [Fact]
    public async Task An_entry_twice_is_refused()
    {
        var ex = await ExtractAsync(Zip(("results.json", 10), ("results.json", 20)), ZipLimits.Default);

        Assert.Equal(DiagnosticCodes.GitHubArtifactMalformed, ex.Diagnostics[0].Code);
        Assert.Contains("twice", ex.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_entries_than_allowed_is_refused_before_writing()
    {
        var entries = Enumerable.Range(0, 11).Select(i => ($"f{i}.txt", 1)).ToArray();

        var ex = await ExtractAsync(Zip(entries), ZipLimits.Default with { MaxEntries = 10 });

        Assert.Equal((DiagnosticCodes.GitHubArtifactTooLarge, ExitCodes.UsageOrConfig), (ex.Diagnostics[0].Code, ex.ExitCode));
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    [Fact]
    public async Task The_total_size_bound_counts_bytes_written_and_removes_what_was_written()
    {
        // arrange: a first small file, then 3 MiB of zeros under a 2 MiB bound
        var zip = Zip(("results.json", 100), ("items.jsonl", 3 << 20));

        // act
        var ex = await ExtractAsync(zip, ZipLimits.Default with { MaxBytes = 2 << 20 });

        // assert
        Assert.Equal(DiagnosticCodes.GitHubArtifactTooLarge, ex.Diagnostics[0].Code);
        Assert.Contains("more than 2 MiB", ex.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(temp.Combine("out"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_compression_ratio_past_the_bound_is_refused_under_the_size_bound()
    {
        // 40 MiB of zeros is a 40 KB zip: within 1 GiB, but a ratio of about 1000
        var ex = await ExtractAsync(Zip(("items.jsonl", 40 << 20)), ZipLimits.Default);

        Assert.Equal(DiagnosticCodes.GitHubArtifactTooLarge, ex.Diagnostics[0].Code);
        Assert.Contains("times its", ex.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_that_understates_the_size_does_not_lift_the_bound()
    {
        // arrange: 3 MiB of zeros whose local and central headers both claim 100 bytes
        var zip = Zip(("items.jsonl", 3 << 20));
        ClaimUncompressedSize(zip, 100);

        // act: refused, or cut at the claimed size (what .NET's reader does): either way bounded
        using var stream = new MemoryStream(zip);
        try
        {
            await SafeZip.ExtractAsync(stream, temp.Combine("out"), ZipLimits.Default with { MaxBytes = 2 << 20 }, TestContext.Current.CancellationToken);
        }
        catch (CiGateException ex)
        {
            Assert.Equal(ExitCodes.UsageOrConfig, ex.ExitCode);
        }

        // assert: never the 3 MiB the data holds
        var written = Directory.Exists(temp.Combine("out")) ? Directory.GetFiles(temp.Combine("out"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;
        Assert.InRange(written, 0, 2 << 20);
    }

    [Fact]
    public async Task Bytes_that_are_not_a_zip_are_one_diagnostic()
    {
        var ex = await ExtractAsync("<html>502 Bad Gateway</html>"u8.ToArray(), ZipLimits.Default);

        Assert.Equal((DiagnosticCodes.GitHubArtifactMalformed, ExitCodes.UsageOrConfig), (ex.Diagnostics[0].Code, ex.ExitCode));
    }

    [Fact]
    public async Task A_genuine_artifact_within_the_bounds_is_extracted()
    {
        using var zip = new MemoryStream(Zip(("results.json", 100), ("nested/items.jsonl", 1 << 20)));

        var files = await SafeZip.ExtractAsync(zip, temp.Combine("out"), TestContext.Current.CancellationToken);

        Assert.Equal(2, files);
        Assert.Equal(1 << 20, new FileInfo(temp.Combine("out", "nested", "items.jsonl")).Length);
    }

    public void Dispose() => temp.Dispose();

    private async Task<CiGateException> ExtractAsync(byte[] zip, ZipLimits limits)
    {
        using var stream = new MemoryStream(zip);
        return await Assert.ThrowsAsync<CiGateException>(() => SafeZip.ExtractAsync(stream, temp.Combine("out"), limits, TestContext.Current.CancellationToken));
    }

    /// <summary>A zip of entries holding that many zero bytes (a name ending in / is a folder).</summary>
    private static byte[] Zip(params (string Name, int Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var stream = archive.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(new byte[bytes]);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Rewrites the uncompressed size in every local header (offset 22) and central directory header (offset 24).</summary>
    private static void ClaimUncompressedSize(byte[] zip, uint size)
    {
        for (var i = 0; i + 4 <= zip.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            if (signature == 0x04034b50 && i + 26 <= zip.Length)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 22), size);
            }
            else if (signature == 0x02014b50 && i + 28 <= zip.Length)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 24), size);
            }
        }
    }
}
