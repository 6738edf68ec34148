using System.Globalization;
using System.Text;

namespace CiGate.Core.Targets.Exec;

/// <summary>
/// <c>exec-&lt;target&gt;.log</c> in the results folder: the app's stderr, its stdout lines that are
/// not protocol objects, and cigate's own notes (<c>==&gt; cigate ...</c>), each line with every
/// secret of the target masked. Appended across restarts and resumes; thread-safe.
/// </summary>
internal sealed class ExecLog : IDisposable
{
    private readonly Lock gate = new();
    private readonly StreamWriter writer;
    private readonly TargetSecrets secrets;

    public ExecLog(string directory, string target, TargetSecrets secrets)
    {
        Directory.CreateDirectory(directory);
        Path = System.IO.Path.Combine(directory, FileName(target));
        this.secrets = secrets;
        var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
    }

    public string Path { get; }

    /// <summary>
    /// The file name for a target: its name with anything but letters, digits, '-', '_' and '.' replaced by '_'.
    /// </summary>
    public static string FileName(string target) =>
        "exec-" + string.Concat(target.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'))
        + ".log";

    /// <summary>One line as the app wrote it (masked).</summary>
    public void Line(string text, string? prefix = null) => Append((prefix ?? "") + text);

    /// <summary>cigate's own note, stamped.</summary>
    public void Note(string text)
    {
        var stamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        Append($"==> cigate {stamp}: {text}");
    }

    public string Redact(string text) => secrets.Redact(text);

    public void Dispose()
    {
        lock (gate)
        {
            writer.Dispose();
        }
    }

    private void Append(string text)
    {
        var masked = secrets.Redact(text);
        lock (gate)
        {
            try
            {
                writer.Write(masked);
                writer.Write('\n');
            }
            catch (ObjectDisposedException)
            {
                // A line from a process being stopped after the run closed the log: dropped.
            }
        }
    }
}
