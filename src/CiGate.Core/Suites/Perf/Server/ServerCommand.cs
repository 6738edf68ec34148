using System.Diagnostics;

namespace CiGate.Core.Suites.Perf.Server;

/// <summary>How a server command is launched: through the shell, under setsid where there is one, its output appended to the log.</summary>
internal static class ServerCommand
{
    /// <summary>
    /// cigate keeps the shell's stdin open for as long as it runs, and nothing else holds that pipe.
    /// When it closes, cigate is gone, even if it was SIGKILLed and could stop nothing: the watcher
    /// then sends SIGTERM to the whole group, so no model server is left holding the GPU. The
    /// server itself reads /dev/null. A normal stop signals the group first, watcher included.
    /// </summary>
    /// (An asynchronous list's stdin is /dev/null in sh, so the pipe goes to the watcher as fd 3.)
    private const string Watchdog = "exec 3<&0 < /dev/null\n( cat <&3 > /dev/null; echo '==> cigate went away: stopping the server process group'; kill -TERM 0 ) &\nexec 3<&-\n";

    public static (ProcessStartInfo Info, bool Grouped) StartInfo(ServerSpec spec, string logPath)
    {
        ProcessStartInfo info;
        var grouped = false;
        if (OperatingSystem.IsWindows())
        {
            info = new ProcessStartInfo("cmd.exe");
            info.ArgumentList.Add("/d");
            info.ArgumentList.Add("/c");
            info.ArgumentList.Add($"{spec.Command} >> \"{logPath}\" 2>&1");
        }
        else
        {
            var setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);
            grouped = setsid is not null;
            info = new ProcessStartInfo(setsid ?? "/bin/sh");
            if (grouped)
            {
                info.ArgumentList.Add("/bin/sh");
            }

            // The shell appends its own output to the log: nothing to pump, and the log keeps growing even if cigate dies.
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add("exec >> \"$CIGATE_SERVER_LOG\" 2>&1\n" + (grouped ? Watchdog : "") + spec.Command);
            info.Environment["CIGATE_SERVER_LOG"] = logPath;
        }

        info.WorkingDirectory = spec.WorkingDirectory;
        info.UseShellExecute = false;
        info.RedirectStandardInput = true;
        return (info, grouped);
    }
}
