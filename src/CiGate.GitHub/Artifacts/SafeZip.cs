using System.Globalization;
using System.IO.Compression;
using CiGate.Core.Diagnostics;

namespace CiGate.GitHub.Artifacts;

/// <summary>
/// Extracts a zip into a folder. An artifact is uploaded by a workflow, maybe a pull request's,
/// so the whole archive is checked before anything is written: an entry that would land outside
/// the folder, a file and a folder of the same name, an entry twice or more entries than
/// <see cref="ZipLimits.MaxEntries"/> refuse it. While writing, the bytes actually written
/// (never the sizes the archive claims) are held to <see cref="ZipLimits.MaxBytes"/> and
/// <see cref="ZipLimits.MaxRatio"/>; a refusal part-way deletes what was written.
/// </summary>
public static class SafeZip
{
    private const int BufferSize = 81920;

    /// <returns>The number of files written.</returns>
    public static async Task<int> ExtractAsync(Stream zip, string folder, CancellationToken ct) => await ExtractAsync(zip, folder, ZipLimits.Default, ct);

    /// <returns>The number of files written.</returns>
    public static async Task<int> ExtractAsync(Stream zip, string folder, ZipLimits limits, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(zip);
        ArgumentNullException.ThrowIfNull(limits);
        var root = Path.GetFullPath(folder);
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw Malformed($"it is not a readable zip ({ex.Message})");
        }

        await using (archive)
        {
            var (files, folders) = Plan(archive, root, limits);
            var written = new List<string>();
            var compressed = Math.Max(1, zip.CanSeek ? zip.Length : files.Sum(f => f.Entry.CompressedLength));
            try
            {
                Directory.CreateDirectory(root);
                foreach (var path in folders)
                {
                    Directory.CreateDirectory(path);
                }

                long total = 0;
                foreach (var (entry, target) in files)
                {
                    written.Add(target);
                    total = await WriteAsync(entry, target, total, compressed, limits, ct);
                }

                return files.Count;
            }
            catch (Exception ex) when (ex is CiGateException or InvalidDataException or IOException)
            {
                foreach (var path in written)
                {
                    File.Delete(path);
                }

                throw ex switch
                {
                    CiGateException refused => refused,
                    InvalidDataException => Malformed($"an entry is corrupt ({ex.Message})"),
                    _ => new CiGateException(new Diagnostic(DiagnosticCodes.GitHubArtifactMalformed, $"cannot extract the artifact into '{root}': {ex.Message}"), ExitCodes.Infrastructure),
                };
            }
        }
    }

    /// <summary>Every file and folder the archive makes, checked before anything is written.</summary>
    private static (List<(ZipArchiveEntry Entry, string Path)> Files, List<string> Folders) Plan(ZipArchive archive, string root, ZipLimits limits)
    {
        var rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        if (archive.Entries.Count > limits.MaxEntries)
        {
            throw TooLarge(string.Create(CultureInfo.InvariantCulture, $"it has {archive.Entries.Count} entries, more than the {limits.MaxEntries} allowed"));
        }

        var files = new List<(ZipArchiveEntry Entry, string Path)>();
        var fileNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            var name = entry.FullName.Replace('\\', '/');
            var target = Path.GetFullPath(Path.Combine(root, name));
            if (Path.IsPathRooted(name) || !target.StartsWith(rootWithSeparator, StringComparison.Ordinal))
            {
                throw new CiGateException(new Diagnostic(DiagnosticCodes.GitHubArtifactUnsafe, $"refusing the artifact: its entry '{entry.FullName}' would be written outside '{root}'"));
            }

            var isFolder = name.EndsWith('/');
            var file = Path.TrimEndingDirectorySeparator(target);
            if (!isFolder && !fileNames.TryAdd(file, entry.FullName))
            {
                throw Malformed($"the entry '{entry.FullName}' is in it twice");
            }

            if (isFolder)
            {
                folders.Add(file);
            }
            else
            {
                files.Add((entry, file));
            }

            for (var parent = Path.GetDirectoryName(file); parent is not null && parent.Length > root.Length; parent = Path.GetDirectoryName(parent))
            {
                folders.Add(parent);
            }
        }

        if (folders.FirstOrDefault(fileNames.ContainsKey) is { } clash)
        {
            throw Malformed($"the entry '{fileNames[clash]}' is both a file and a folder");
        }

        return (files, [.. folders.Order(StringComparer.Ordinal)]);
    }

    /// <returns>The bytes written so far by the whole extraction.</returns>
    private static async Task<long> WriteAsync(ZipArchiveEntry entry, string target, long total, long compressed, ZipLimits limits, CancellationToken ct)
    {
        await using var source = await entry.OpenAsync(ct);
        await using var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
        var buffer = new byte[BufferSize];
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > limits.MaxBytes)
            {
                throw TooLarge(string.Create(CultureInfo.InvariantCulture, $"it unpacks to more than {limits.MaxBytes >> 20} MiB (at '{entry.FullName}')"));
            }

            if (total > ZipLimits.RatioFloorBytes && total > compressed * limits.MaxRatio)
            {
                throw TooLarge(string.Create(CultureInfo.InvariantCulture, $"it unpacks to more than {limits.MaxRatio:0.#} times its {compressed} compressed bytes (at '{entry.FullName}'), as a zip bomb does"));
            }

            await output.WriteAsync(buffer.AsMemory(0, read), ct);
        }

        return total;
    }

    private static CiGateException Malformed(string why) =>
        new(new Diagnostic(DiagnosticCodes.GitHubArtifactMalformed, $"refusing the artifact: {why}"));

    private static CiGateException TooLarge(string why) =>
        new(new Diagnostic(DiagnosticCodes.GitHubArtifactTooLarge, $"refusing the artifact: {why}; a results or history artifact is far smaller (raise the bounds with --max-extract-mb, --max-entries or --max-ratio if it is genuine)"));
}
