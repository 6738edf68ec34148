using System.Diagnostics;

namespace CiGate.Core.Suites.Perf.Server;

/// <summary>How a server command is launched: through the shell, under setsid where there is one, its output appended to the log.</summary>
internal static class ServerCommand
{
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
            info.ArgumentList.Add("exec >> \"$CIGATE_SERVER_LOG\" 2>&1\n" + spec.Command);
            info.Environment["CIGATE_SERVER_LOG"] = logPath;
        }

        info.WorkingDirectory = spec.WorkingDirectory;
        info.UseShellExecute = false;
        info.RedirectStandardInput = true;
        return (info, grouped);
    }
}
