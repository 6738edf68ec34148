using System.Diagnostics;

namespace CiGate.EndToEnd.Tests.Support;

/// <summary>
/// A small tmpfs mounted for one test: a real full disk (ENOSPC) or a real read-only file system
/// (EROFS), which root cannot write through either. Skips the test where mounting is not allowed.
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public static TmpfsMount MountOrSkip(string path, string size)
    {
        Directory.CreateDirectory(path);
        var (code, error) = Mount("-t", "tmpfs", "-o", $"size={size}", "tmpfs", path);
        if (code != 0)
        {
            Assert.Skip($"cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): {error.Trim()}");
        }

        return new TmpfsMount(path);
    }

    /// <summary>Remounts with other options, e.g. "ro" or "size=4m"; the files stay.</summary>
    public void Remount(string options)
    {
        var (code, error) = Mount("-o", $"remount,{options}", Path);
        Assert.True(code == 0, $"remount {options} failed: {error}");
    }

    public void Dispose() => Run("umount", "-l", Path);

    private static (int Code, string Error) Mount(params string[] args) => Run("mount", args);

    private static (int Code, string Error) Run(string tool, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
