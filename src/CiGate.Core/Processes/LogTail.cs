using System.Text;

namespace CiGate.Core.Processes;

/// <summary>The last lines of a server log, for a one-line diagnostic: reads only the file's end.</summary>
internal static class LogTail
{
    public static IReadOnlyList<string> Read(string path, int lines, int maxLineLength = 200)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = Math.Min(stream.Length, 16 * 1024);
            stream.Seek(-length, SeekOrigin.End);
            var buffer = new byte[length];
            stream.ReadExactly(buffer);
            return [.. Encoding.UTF8.GetString(buffer)
                .Split('\n')
                .Select(l => l.TrimEnd('\r').Trim())
                .Where(l => l.Length > 0 && !l.StartsWith("==> cigate", StringComparison.Ordinal))
                .TakeLast(lines)
                .Select(l => l.Length > maxLineLength ? l[..maxLineLength] + "…" : l)];
        }
        catch (IOException)
        {
            return [];
        }
    }
}
