using System.CommandLine;
using CiGate.Core.Diagnostics;
using CiGate.Simulator;

namespace CiGate.Cli.Commands;

/// <summary>Runs the OpenAI-compatible simulator in the foreground until Ctrl+C.</summary>
internal static class SimCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var port = new Option<int>("--port", "-p") { Description = "Port on 127.0.0.1 (0 picks a free one)", DefaultValueFactory = _ => 8000 };
        var models = new Option<string[]>("--model", "-m") { Description = "name[=accuracy[:seed]], repeatable (default cigate-sim=0.7:1)" };
        var answers = new Option<string[]>("--answers", "-a") { Description = "Answer key: mmlu-pro=PATH, gsm8k=PATH or a JSONL with question/answer, repeatable" };
        var bfcl = new Option<string[]>("--bfcl")
        {
            Description = "BFCL dataset folder: its questions are answered with tool calls from the possible answers, repeatable",
        };
        var scripts = new Option<string[]>("--script") { Description = "Scripted replies (YAML/JSON rules: match, model, reply|replies, flaky), repeatable" };
        var ttft = new Option<double>("--ttft-ms") { Description = "Time to first token (ms)" };
        var itl = new Option<double>("--itl-ms") { Description = "Inter-token latency (ms)" };
        var flip = new Option<double>("--flip") { Description = "Share of items whose correctness is redrawn per seed", DefaultValueFactory = _ => 0.05 };
        var invalid = new Option<double>("--invalid-rate") { Description = "Share of answers that state no final answer", DefaultValueFactory = _ => 0.02 };
        var faultRate = new Option<double>("--fault-rate") { Description = "Share of requests that get an injected fault" };
        var safety = new Option<string[]>("--safety") { Description = "Prompts labelled safe/unsafe (XSTest CSV: prompt, label) to refuse or answer, repeatable" };
        var refusal = new Option<string?>("--refusal") { Description = "Refusal rates for --safety prompts: safe:unsafe[:partial[:flip]] (default 0.08:0.9:0.2:0.1)" };
        var faults = new Option<string>("--faults") { Description = "Fault kinds: 429,500,reset,malformed,stall", DefaultValueFactory = _ => "429,500,reset,malformed,stall" };
        var servedModel = new Option<string?>("--served-model")
        {
            Description = "The model named in every completion response, whatever was asked for (a silent model swap)",
        };
        var fingerprint = new Option<string?>("--system-fingerprint")
        {
            Description = "The system_fingerprint of every completion response (default fp_cigate_sim)",
        };
        var command = new Command("sim", "Serve CiGate's OpenAI-compatible simulator on 127.0.0.1")
        {
            port, models, answers, bfcl, scripts, ttft, itl, flip, invalid, faultRate, faults, safety, refusal,
            servedModel, fingerprint,
        };
        var performance = new SimPerformanceFlags();
        foreach (var flag in performance.All)
        {
            command.Options.Add(flag);
        }

        command.SetAction(async (parse, ct) =>
        {
            SimulatorOptions options;
            try
            {
                options = new SimulatorOptions
                {
                    Port = parse.GetValue(port),
                    AnswerKeys = [.. (parse.GetValue(answers) ?? []).Select(AnswerKeySource.Parse)],
                    Scripts = [.. parse.GetValue(scripts) ?? []],
                    BfclKeys = [.. parse.GetValue(bfcl) ?? []],
                    TimeToFirstToken = TimeSpan.FromMilliseconds(parse.GetValue(ttft)),
                    InterTokenLatency = TimeSpan.FromMilliseconds(parse.GetValue(itl)),
                    Flip = parse.GetValue(flip),
                    InvalidRate = parse.GetValue(invalid),
                    Faults = new FaultOptions { Rate = parse.GetValue(faultRate), Kinds = FaultKindNames.ParseList(parse.GetValue(faults)!) },
                    SafetyKeys = [.. (parse.GetValue(safety) ?? []).Select(path => new SafetyKeySource(path))],
                    Refusal = parse.GetValue(refusal) is { } rates ? RefusalOptions.Parse(rates) : null,
                    Performance = performance.Read(parse),
                    ServedModel = parse.GetValue(servedModel),
                };
                if (parse.GetValue(fingerprint) is { Length: > 0 } print)
                {
                    options.SystemFingerprint = print;
                }

                if (parse.GetValue(models) is { Length: > 0 } named)
                {
                    options.Models = [.. named.Select(SimulatorModel.Parse)];
                }

                options.Validate();
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                throw new CiGateException(new Diagnostic(DiagnosticCodes.Usage, ex.Message));
            }

            foreach (var key in options.AnswerKeys.Where(k => !File.Exists(k.Path)))
            {
                throw new CiGateException(new Diagnostic(DiagnosticCodes.DatasetNotFound, "answer key not found", Path.GetFullPath(key.Path)));
            }

            foreach (var key in options.SafetyKeys.Where(k => !File.Exists(k.Path)))
            {
                throw new CiGateException(new Diagnostic(DiagnosticCodes.DatasetNotFound, "safety key not found", Path.GetFullPath(key.Path)));
            }

            foreach (var folder in options.BfclKeys.Where(f => !Directory.Exists(f)))
            {
                throw new CiGateException(new Diagnostic(DiagnosticCodes.DatasetNotFound, "BFCL folder not found", Path.GetFullPath(folder)));
            }

            foreach (var script in options.Scripts.Where(s => !File.Exists(s)))
            {
                throw new CiGateException(new Diagnostic(DiagnosticCodes.DatasetNotFound, "simulator script not found", Path.GetFullPath(script)));
            }

            await using var server = await SimulatorLauncher.StartServerAsync(options, ct);
            await stdout.WriteLineAsync($"cigate sim listening on {server.BaseUrl} ({server.AnswerKeyEntries} answer-key entries, {server.ScriptRules} script rules; models: {string.Join(", ", options.Models.Select(m => $"{m.Name} acc={m.Accuracy} seed={m.Seed}"))})");
            await stdout.FlushAsync(ct);
            try
            {
                await server.WaitForShutdownAsync(ct);
            }
            catch (OperationCanceledException)
            {
            }

            return ExitCodes.Pass;
        });
        return command;
    }
}
