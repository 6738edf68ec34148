using CiGate.Core.Config;
using CiGate.Core.Results;
using CiGate.Core.Running;
using CiGate.Core.Suites.Perf;
using CiGate.Core.Targets;
using CiGate.Core.Tests.Config;
using CiGate.Simulator;

namespace CiGate.Core.Tests.Perf;

/// <summary>Runs a perf suite (YAML, as a user writes it) against CiGate's simulator over real HTTP.</summary>
internal static class PerfHarness
{
    /// <summary>Load tests share one collection: run side by side on two cores they would measure each other.</summary>
    public const string Collection = "perf-load";

    public sealed record Outcome(RunResults Results, SuiteResult Suite, PerfSummary Perf, IReadOnlyList<PerfRequest> Requests, string Folder);

    public static async Task<Outcome> RunAsync(string suiteYaml, Action<SimulatorOptions>? simulator = null, string? folder = null, string targetExtra = "")
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new SimulatorOptions();
        simulator?.Invoke(options);
        await using var server = await SimulatorServer.StartAsync(options, ct);
        using var temp = new TempFolder();
        var config = temp.Write("cigate.yml", $"""
            version: 1
            targets:
              sim:
                base_url: {server.BaseUrl}
                model: {SimulatorModel.DefaultName}
                timeout: 10s
            {targetExtra}
            suites:
              perf:
                kind: perf
            {Indent(suiteYaml + Measurement(suiteYaml), 4)}
            """);
        var loaded = ConfigLoader.Load(config);
        var plans = PlanBuilder.Build(loaded);
        var clients = loaded.Targets.ToDictionary(t => t.Name, t => TargetClientFactory.Create(t.Config), StringComparer.Ordinal);
        var output = folder ?? Path.Combine(temp.Path, "results");
        try
        {
            var results = await Runner.RunAsync(plans, clients, new RunOptions(output, Resume: folder is not null && Directory.Exists(folder)), new RunContext(config, "test"), null, ct);
            var suite = results.Suites.Single();
            var requests = RequestsFile.Read(output);
            if (folder is null)
            {
                // The temp folder goes away with the test; keep nothing pointing into it.
                output = "";
            }

            return new Outcome(results, suite, PerfSummary.Of(suite)!, requests, output);
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                await client.DisposeAsync();
            }
        }
    }

    private static string Indent(string text, int spaces)
    {
        var pad = new string(' ', spaces);
        return string.Join("\n", text.Trim('\n').Split('\n').Select(l => pad + l.TrimEnd()));
    }

    // These tests run the in-process simulator at 2-10 ms token gaps beside other tests on two
    // cores, where a first token merged with the next one is flagged (MeasurementFlagTests test
    // that); here a flagged request must not turn the load point invalid. Flagged requests still
    // leave the percentiles, so counts below are of unflagged requests.
    private static string Measurement(string suiteYaml) =>
        suiteYaml.Contains("measurement:", StringComparison.Ordinal) ? "" : "\nmeasurement: { max_flagged_share: 1 }";
}
