using System.Text;

namespace CiGate.Cli.Commands;

/// <summary>Writes a rendered history answer to stdout or to a file (UTF-8, no BOM).</summary>
internal static class HistoryOutput
{
    public static async Task WriteAsync(TextWriter stdout, string? path, string text, CancellationToken ct)
    {
        if (path is null)
        {
            await stdout.WriteAsync(text);
            return;
        }

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, text, new UTF8Encoding(false), ct);
        await stdout.WriteLineAsync($"written: {full}");
    }
}
