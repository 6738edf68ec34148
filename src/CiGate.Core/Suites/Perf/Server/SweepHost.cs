using CiGate.Core.Suites.Perf.Telemetry;
using CiGate.Core.Targets;

namespace CiGate.Core.Suites.Perf.Server;

/// <summary>
/// Everything around one perf suite × target sweep: the server cigate starts (if any), the
/// environment captured once it is ready, and the sampler each load point runs under. Disposing
/// stops the server, whether the sweep finished, failed or was cancelled.
/// </summary>
internal sealed class SweepHost : IAsyncDisposable
{
    private readonly ServerProcess? server;
    private readonly SamplerState sampling;
    private readonly SamplingSpec spec;
    private readonly string folder;

    private SweepHost(ServerProcess? server, ServerEndpoints endpoints, SamplerState sampling, SamplingSpec spec, string folder)
    {
        this.server = server;
        this.sampling = sampling;
        this.spec = spec;
        this.folder = folder;
        Endpoints = endpoints;
    }

    public ServerEndpoints Endpoints { get; }

    public static async Task<SweepHost> StartAsync(PerfSuite suite, string target, TargetConfig config, string folder, CancellationToken ct)
    {
        var server = suite.Server is { } spec ? await ServerProcess.StartAsync(spec, spec.ReadyUrlFor(config.BaseUrl), folder, TargetSecrets.VariablesOf(config), ct) : null;
        ServerEndpoints? endpoints = null;
        try
        {
            endpoints = new ServerEndpoints(config);
            var smi = NvidiaSmi.Locate();
            var environment = await EnvironmentProbe.CaptureAsync(suite.Name, target, endpoints, smi, server is not null, ct);
            TelemetryFiles.AppendEnvironment(folder, environment);
            var state = new SamplerState(suite.Name, target, environment.Gpus.Count > 0 ? smi : null, suite.Sampling.Metrics);
            return new SweepHost(server, endpoints, state, suite.Sampling, folder);
        }
        catch
        {
            endpoints?.Dispose();
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            throw;
        }
    }

    public LoadPointSampler? StartSampling(LoadPointInfo point) => LoadPointSampler.Start(spec, Endpoints, sampling, point);

    /// <summary>Appends a finished load point's samples (after its requests, so a killed run keeps both or neither).</summary>
    public void WriteSamples(IReadOnlyList<SampleRecord> samples)
    {
        if (samples.Count > 0)
        {
            TelemetryFiles.AppendSamples(folder, samples);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Endpoints.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
