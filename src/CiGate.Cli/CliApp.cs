using System.CommandLine;
using CiGate.Cli.Commands;
using CiGate.Cli.Output;
using CiGate.Core.Diagnostics;

namespace CiGate.Cli;

/// <summary>
/// Parses, dispatches and turns every failure into a one-line diagnostic and an exit code:
/// 0 pass, 1 gate failed, 2 usage or config error, 3 infrastructure error. Never a stack trace
/// (set CIGATE_DEBUG=1 to see one for an internal error).
/// </summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("cigate: run LLM eval suites and gate pull requests on the results")
        {
            RunCommand.Create(stdout, stderr),
            ValidateCommand.Create(stdout, stderr),
            PlanCommand.Create(stdout),
            InitCommand.Create(stdout, stderr),
            SimCommand.Create(stdout, stderr),
            CompareCommand.Create(stdout, stderr),
            MergeCommand.Create(stdout, stderr),
            GitHubCommand.Create(stdout, stderr),
            ImportCommand.Create(stdout, stderr),
            HistoryCommand.Create(stdout),
            CoverageCommand.Create(stdout, stderr),
            DraftTestsCommand.Create(stdout, stderr),
            DatasetsCommand.Create(stdout),
            SchemaCommand.Create(stdout),
        };

        // Plain `cigate` is someone finding their way: show them the commands, not an error.
        var parsed = root.Parse(args.Length == 0 ? ["--help"] : args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync($"error {DiagnosticCodes.Usage}: {error.Message} (see 'cigate --help')");
            }

            return ExitCodes.UsageOrConfig;
        }

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;

        // SIGTERM (a cancelled CI job, `timeout`, `docker stop`) cancels like Ctrl+C, so a model server
        // cigate started is stopped rather than orphaned; a second SIGTERM ends the process at once.
        using var onTerminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = !cancel.IsCancellationRequested;
            cancel.Cancel();
        });
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = stdout, Error = stderr }, cancel.Token);
        }
        catch (CiGateException ex)
        {
            if (JsonOutput.Requested(parsed))
            {
                await JsonOutput.WriteErrorsAsync(stdout, ex.Diagnostics, ex.ExitCode);
            }

            DiagnosticPrinter.Print(stderr, ex.Diagnostics);
            return ex.ExitCode;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("cancelled; finished items are kept, run again with --resume to complete the run");
            return ExitCodes.Infrastructure;
        }
        catch (Exception ex) when (Environment.GetEnvironmentVariable("CIGATE_DEBUG") != "1")
        {
            await stderr.WriteLineAsync($"error {DiagnosticCodes.Internal}: internal error: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")} (set CIGATE_DEBUG=1 for details)");
            return ExitCodes.Infrastructure;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
