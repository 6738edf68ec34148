using System.Globalization;
using System.Runtime.InteropServices;

namespace CiGate.Core.Processes;

/// <summary>
/// Signals a whole process group on Unix: the server runs under <c>setsid</c>, so vLLM's workers
/// and anything a wrapper script forked share its group and go down with it.
/// </summary>
internal static class ProcessGroup
{
    private const int SigKill = 9;
    private const int SigTerm = 15;

    public static void Terminate(int group) => Signal(group, SigTerm);

    public static void Kill(int group) => Signal(group, SigKill);

    /// <summary>True while a live (not zombie) process is in the group.</summary>
    public static bool Alive(int group)
    {
        if (OperatingSystem.IsLinux() && Directory.Exists("/proc"))
        {
            foreach (var folder in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out _) && Stat(folder) is { } stat && stat.Group == group && stat.State is not ('Z' or 'X'))
                {
                    return true;
                }
            }

            return false;
        }

        return NativeKill(-group, 0) == 0;
    }

    /// <summary>The process group of a process (on Linux, from /proc); the pid itself elsewhere, which setsid makes true.</summary>
    public static int Of(int pid) => OperatingSystem.IsLinux() && Stat($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}") is { } stat ? stat.Group : pid;

    private static void Signal(int group, int signal)
    {
        // A group of one id > 1: never signal our own group or every process (-1, 0).
        if (group > 1 && group != Of(Environment.ProcessId))
        {
            _ = NativeKill(-group, signal);
        }
    }

    private static (char State, int Group)? Stat(string folder)
    {
        try
        {
            // pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses, so parse after the last ')'.
            var text = File.ReadAllText(Path.Combine(folder, "stat"));
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[2], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    // DllImport, not LibraryImport: the signature is blittable, and LibraryImport would need unsafe code in all of Core.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NativeKill(int pid, int signal);
}
