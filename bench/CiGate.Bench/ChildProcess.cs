using System.Diagnostics;

namespace CiGate.Bench;

/// <summary>A child process, started with its output captured.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process process;

    private ChildProcess(Process process) => this.process = process;

    public StreamReader StandardOutput => process.StandardOutput;

    public Process Process => process;

    public static ChildProcess Start(string fileName, params string[] arguments) =>
        StartWith(new Dictionary<string, string>(), fileName, arguments);

    /// <summary>As <see cref="Start"/>, with these environment variables set in the child.</summary>
    public static ChildProcess StartWith(IReadOnlyDictionary<string, string> environment, string fileName, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var child = new ChildProcess(Process.Start(info)!);
        child.process.ErrorDataReceived += (_, _) => { };
        child.process.BeginErrorReadLine();
        return child;
    }

    public async Task<(int ExitCode, string Output)> WaitAsync()
    {
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }
}
