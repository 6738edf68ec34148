using System.Runtime.InteropServices;
using System.Text.Json;

namespace CiGate.Core.Suites.Perf.Telemetry;

/// <summary>
/// Captures <see cref="PerfEnvironment"/> once per suite × target, before the first load point:
/// a few short probes, each allowed to fail (404, no answer, no nvidia-smi) with a note.
/// </summary>
internal static class EnvironmentProbe
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public static async Task<PerfEnvironment> CaptureAsync(string suite, string target, ServerEndpoints endpoints, NvidiaSmi? smi, bool serverStarted, CancellationToken ct)
    {
        var notes = new List<string>();
        var gpus = GpusAsync(smi, notes, ct);
        var version = endpoints.GetAsync("version", ProbeTimeout, ct);
        var sglang = endpoints.GetAsync("get_server_info", ProbeTimeout, ct);
        var tgi = endpoints.GetAsync("info", ProbeTimeout, ct);
        var models = endpoints.GetAsync(endpoints.Models, ProbeTimeout, ct);
        await Task.WhenAll(gpus, version, sglang, tgi, models);

        string? kind = null, serverVersion = null;
        if (sglang.Result is (200, var s) && Field(s, "version") is { } sv)
        {
            (kind, serverVersion) = ("sglang", sv);
        }
        else if (tgi.Result is (200, var t) && Field(t, "model_id") is not null)
        {
            (kind, serverVersion) = ("tgi", Field(t, "version"));
        }
        else if (version.Result is (200, var v) && Field(v, "version") is { } vv)
        {
            (kind, serverVersion) = vv.StartsWith("cigate-sim", StringComparison.Ordinal) ? ("cigate-sim", vv["cigate-sim".Length..].Trim()) : ("vllm", vv);
        }
        else
        {
            notes.Add("no server version: /version (vLLM), /get_server_info (SGLang) and /info (TGI) did not answer");
        }

        var served = models.Result is (200, var m) ? ModelIds(m) : [];
        if (served.Count == 0)
        {
            notes.Add($"no served models: {endpoints.Models} did not list any");
        }

        return new PerfEnvironment
        {
            Suite = suite,
            Target = target,
            CapturedAt = DateTimeOffset.UtcNow,
            Gpus = await gpus,
            ServerKind = kind,
            ServerVersion = serverVersion,
            ServedModels = served,
            ServerStarted = serverStarted,
            CigateVersion = Running.RunContext.CurrentToolVersion,
            Runner = Environment.GetEnvironmentVariable("RUNNER_NAME") is { Length: > 0 } runner ? runner : Environment.MachineName,
            Os = $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()})",
            CpuCount = Environment.ProcessorCount,
            Notes = notes,
        };
    }

    private static async Task<IReadOnlyList<GpuInfo>> GpusAsync(NvidiaSmi? smi, List<string> notes, CancellationToken ct)
    {
        if (smi is null)
        {
            notes.Add("nvidia-smi is not on PATH: no GPU information");
            return [];
        }

        try
        {
            return await smi.QueryGpusAsync(TimeSpan.FromSeconds(10), ct);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception or IOException)
        {
            lock (notes)
            {
                notes.Add($"nvidia-smi failed: {ex.Message}");
            }

            return [];
        }
    }

    private static string? Field(string json, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value)
                ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<string> ModelIds(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
                ? [.. data.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("id", out var id) ? id.GetString() : null).OfType<string>()]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
