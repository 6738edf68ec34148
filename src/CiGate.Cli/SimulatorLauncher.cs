using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites;
using CiGate.Simulator;

namespace CiGate.Cli;

/// <summary>
/// Starts CiGate's simulator for every target that asks for one, answering from the datasets of
/// the suites that run on it, and points those targets at it. Real HTTP on 127.0.0.1.
/// </summary>
internal sealed class SimulatorLauncher : IAsyncDisposable
{
    private readonly List<SimulatorServer> servers = [];

    public async Task<CiGateConfig> StartAsync(CiGateConfig config, CancellationToken ct)
    {
        var targets = new List<TargetDefinition>();
        foreach (var target in config.Targets)
        {
            if (target.Simulator is not { } settings)
            {
                targets.Add(target);
                continue;
            }

            var keys = SimulatorKeys.For(config, target.Name);
            var options = new SimulatorOptions
            {
                Models = [new SimulatorModel(target.Config.Model, settings.Accuracy, settings.Seed)],
                AnswerKeys = [.. AnswerKeys(keys)],
                SafetyKeys = [.. RefusalKeys(keys)],
                BfclKeys = [.. keys.Where(k => k.Kind == SimulatorKeyKind.ToolCalls).Select(k => k.Path)],
                Refusal = settings.Refusal is { } r ? new RefusalOptions { Safe = r.Safe, Unsafe = r.Unsafe, Partial = r.Partial, Flip = r.Flip } : null,
                Performance = Performance(settings.Performance),
                Scripts = [.. settings.Scripts ?? []],
                TimeToFirstToken = settings.TimeToFirstToken,
                InterTokenLatency = settings.InterTokenLatency,
                Flip = settings.Flip,
                InvalidRate = settings.InvalidRate,
                JudgeAll = settings.Judge ?? target.Role == TargetRole.Grader,
                ServedModel = settings.ServedModel,
                RequestLog = settings.RequestLog,
                Faults = new FaultOptions
                {
                    Rate = settings.FaultRate,
                    Kinds = FaultKindNames.ParseList(string.Join(',', settings.FaultKinds)),
                    Seed = settings.FaultSeed,
                    // Short enough that a stalled request times out and retries within a test's patience.
                    StallFor = target.Config.Timeout + TimeSpan.FromSeconds(5),
                },
            };
            if (settings.SystemFingerprint is { } fingerprint)
            {
                options.SystemFingerprint = fingerprint;
            }

            var server = await StartServerAsync(options, ct);
            servers.Add(server);
            // The port changes every run; the simulated model is what a cached answer depends on.
            var scripts = string.Join(",", (settings.Scripts ?? []).Select(File.ReadAllText).Select(text => Core.Config.Hashing.Sha256Hex(text)[..12]));
            var identity = FormattableString.Invariant(
                $"cigate-simulator:accuracy={settings.Accuracy}:seed={settings.Seed}:flip={settings.Flip}")
                + FormattableString.Invariant($":invalid={settings.InvalidRate}:scripts={scripts}:judge={options.JudgeAll}")
                + FormattableString.Invariant($":refusal={settings.Refusal}{Swap(settings)}");
            targets.Add(target with { Config = target.Config with { BaseUrl = server.BaseUrl, Identity = identity } });
        }

        return config with { Targets = targets };
    }

    /// <summary>
    /// A swapped model answers differently: part of the cache identity, so a cached answer of the
    /// model asked for is never served as the swapped one's (absent when unset: old caches still hit).
    /// </summary>
    private static string Swap(SimulatorSettings settings) =>
        (settings.ServedModel, settings.SystemFingerprint) is (null, null)
            ? ""
            : $":served={settings.ServedModel}:fingerprint={settings.SystemFingerprint}";

    /// <summary>Starts a simulator; a malformed answer key or script is the user's to fix, so it is a diagnostic, not a crash.</summary>
    public static async Task<SimulatorServer> StartServerAsync(SimulatorOptions options, CancellationToken ct)
    {
        try
        {
            return await SimulatorServer.StartAsync(options, ct);
        }
        catch (InvalidDataException ex)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.DatasetMalformed, ex.Message));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }
    }

    private static PerformanceOptions Performance(SimulatorPerformance? p) => p is null ? new() : new()
    {
        Slowdown = p.Slowdown,
        MaxConcurrentDecodes = p.MaxConcurrentDecodes,
        BatchItlGrowth = p.BatchItlGrowth,
        SendUsage = p.SendUsage,
        SendTimestamps = p.SendTimestamps,
        MidStreamErrorEvery = p.MidStreamErrorEvery,
        DecodeSteps = p.DecodeSteps,
    };

    private static IEnumerable<SafetyKeySource> RefusalKeys(IReadOnlyList<SimulatorKey> keys) =>
        keys.Where(k => k.Kind == SimulatorKeyKind.RefusalLabels).Select(k => new SafetyKeySource(k.Path, k.QuestionField, k.AnswerField, k.UnsafeValue!));

    private static IEnumerable<AnswerKeySource> AnswerKeys(IReadOnlyList<SimulatorKey> keys) =>
        keys.Where(k => k.Kind is SimulatorKeyKind.Answers or SimulatorKeyKind.Gsm8kAnswers).Select(k => k.Kind == SimulatorKeyKind.Gsm8kAnswers
            ? AnswerKeySource.Gsm8k(k.Path) with { QuestionField = k.QuestionField, AnswerField = k.AnswerField }
            : new AnswerKeySource(k.Path, k.QuestionField, k.AnswerField));
}
