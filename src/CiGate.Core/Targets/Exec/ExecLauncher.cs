using System.Diagnostics;
using System.Text;
using CiGate.Core.Processes;

namespace CiGate.Core.Targets.Exec;

/// <summary>
/// Starts an exec target's argv (no shell) with stdin, stdout and stderr as pipes, under setsid
/// where there is one, so the app and anything it forks form one process group that
/// <see cref="ProcessGroup"/> stops as a whole (as a perf suite's <c>server:</c> is stopped).
/// </summary>
internal static class ExecLauncher
{
    private static readonly UTF8Encoding Utf8 = new(false);

    private static readonly string? Setsid = OperatingSystem.IsWindows()
        ? null
        : new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    /// <summary>
    /// True when the process leads its own group (its pid is the group id; see <see cref="ServerProcess"/>).
    /// </summary>
    public static bool Grouped => Setsid is not null;

    /// <exception cref="ExecStartException">
    /// The working directory is missing or the program cannot be started.
    /// </exception>
    public static Process Start(ExecSpec spec, IReadOnlyDictionary<string, string> environment)
    {
        if (!Directory.Exists(spec.WorkingDirectory))
        {
            throw new ExecStartException($"the working directory does not exist: {spec.WorkingDirectory}");
        }

        var info = new ProcessStartInfo(Setsid ?? spec.Command[0])
        {
            WorkingDirectory = spec.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
        };
        foreach (var argument in Setsid is null ? spec.Command.Skip(1) : spec.Command)
        {
            info.ArgumentList.Add(argument);
        }

        ChildEnvironment.Withhold(info.Environment, spec.WithheldVariables);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
            return process;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new ExecStartException($"could not start '{spec.Command[0]}': {ex.Message}");
        }
    }

    /// <summary>
    /// SIGTERM to the group (or the tree), SIGKILL after <paramref name="grace"/>; then reaps the child.
    /// </summary>
    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        if (HasExited(process) && !(Grouped && ProcessGroup.Alive(process.Id)))
        {
            return;
        }

        Signal(process, kill: false);
        var deadline = Stopwatch.GetTimestamp() + (long)(grace.TotalSeconds * Stopwatch.Frequency);
        while (Alive(process) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(20, CancellationToken.None);
        }

        if (Alive(process))
        {
            Signal(process, kill: true);
        }

        await process.WaitForExitAsync(CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None)
            .ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>cigate is exiting without a stop: no time to be polite.</summary>
    public static void KillNow(Process process) => Signal(process, kill: true);

    public static bool HasExited(Process process)
    {
        try
        {
            return process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private static bool Alive(Process process) => Grouped ? ProcessGroup.Alive(process.Id) : !HasExited(process);

    private static void Signal(Process process, bool kill)
    {
        if (Grouped)
        {
            if (kill)
            {
                ProcessGroup.Kill(process.Id);
            }
            else
            {
                ProcessGroup.Terminate(process.Id);
            }

            return;
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
