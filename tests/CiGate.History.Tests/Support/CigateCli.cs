using CiGate.Cli;

namespace CiGate.History.Tests.Support;

/// <summary>Runs the real `cigate` command line in process.</summary>
internal static class CigateCli
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr));
        return (code, stdout.ToString(), stderr.ToString());
    }
}
