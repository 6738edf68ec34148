using System.Security.Cryptography;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Datasets.Public;

/// <summary>What happened to one file: already there with the right hash, or downloaded and checked.</summary>
public sealed record FetchedFile(string Path, bool Downloaded, long Bytes);

/// <summary>
/// Downloads a public dataset's files into <c>DIR/NAME/</c>. Each file is written to a temporary
/// name, hashed, and moved into place only when its SHA-256 is the pinned one, so a folder never
/// holds a truncated or altered file under the real name. A file already present with the right
/// hash is not downloaded again. A mirror (an HTTP server holding <c>NAME/PATH</c>) replaces the
/// publishers' addresses: for machines without internet, and for the tests.
/// </summary>
public sealed class DatasetFetcher(HttpClient http, Uri? mirror = null)
{
    public async Task<IReadOnlyList<FetchedFile>> FetchAsync(PublicDataset dataset, string directory, CancellationToken ct)
    {
        if (dataset.Files.Count == 0)
        {
            throw new CiGateException(new Diagnostic(
                DiagnosticCodes.DatasetNotFetchable, $"{dataset.Name} cannot be fetched by cigate: {dataset.Note}"));
        }

        var folder = Path.Combine(directory, dataset.Name);
        var fetched = new List<FetchedFile>();
        foreach (var file in dataset.Files)
        {
            var target = Path.Combine(folder, file.Path);
            if (File.Exists(target) && await Sha256Async(target, ct) == file.Sha256)
            {
                fetched.Add(new FetchedFile(target, false, new FileInfo(target).Length));
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var url = mirror is null ? file.Url : new Uri(mirror, $"{dataset.Name}/{file.Path}");
            var partial = target + ".partial";
            try
            {
                await DownloadAsync(url, partial, ct);
                var actual = await Sha256Async(partial, ct);
                if (actual != file.Sha256)
                {
                    throw new CiGateException(new Diagnostic(
                        DiagnosticCodes.DatasetHashMismatch,
                        $"{url} has SHA-256 {actual}, not the pinned {file.Sha256}; nothing was written under the real name",
                        target), ExitCodes.Infrastructure);
                }

                File.Move(partial, target, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }

            fetched.Add(new FetchedFile(target, true, new FileInfo(target).Length));
        }

        return fetched;
    }

    /// <summary>Whether every file of the dataset is under <paramref name="directory"/> with its pinned hash.</summary>
    public static async Task<bool> IsPresentAsync(PublicDataset dataset, string directory, CancellationToken ct)
    {
        foreach (var file in dataset.Files)
        {
            var path = Path.Combine(directory, dataset.Name, file.Path);
            if (!File.Exists(path) || await Sha256Async(path, ct) != file.Sha256)
            {
                return false;
            }
        }

        return dataset.Files.Count > 0;
    }

    private async Task DownloadAsync(Uri url, string path, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw Failed(url, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", path);
            }

            await using var body = await response.Content.ReadAsStreamAsync(ct);
            await using var output = File.Create(path);
            await body.CopyToAsync(output, ct);
        }
        catch (HttpRequestException ex)
        {
            throw Failed(url, ex.Message, path);
        }
    }

    private static CiGateException Failed(Uri url, string why, string path) =>
        new(new Diagnostic(DiagnosticCodes.DatasetDownloadFailed, $"could not download {url}: {why}", path[..^".partial".Length]),
            ExitCodes.Infrastructure);

    private static async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
