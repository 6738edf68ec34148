using System.Diagnostics;
using System.Globalization;

namespace CiGate.Core.Suites.Perf.Telemetry;

/// <summary>
/// Queries nvidia-smi (CSV, no header, no units). The path is injectable: tests point it at a fake
/// script, and <c>CIGATE_NVIDIA_SMI</c> overrides the lookup on PATH.
/// </summary>
public sealed class NvidiaSmi(string path)
{
    public const string OverrideVariable = "CIGATE_NVIDIA_SMI";

    public string Path { get; } = path;

    /// <summary><c>CIGATE_NVIDIA_SMI</c>, else nvidia-smi on PATH, else null (no GPU tooling here).</summary>
    public static NvidiaSmi? Locate()
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? new NvidiaSmi(configured) : null;
        }

        var name = OperatingSystem.IsWindows() ? "nvidia-smi.exe" : "nvidia-smi";
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => System.IO.Path.Combine(folder, name))
            .Where(File.Exists)
            .Select(found => new NvidiaSmi(found))
            .FirstOrDefault();
    }

    public async Task<IReadOnlyList<GpuInfo>> QueryGpusAsync(TimeSpan timeout, CancellationToken ct)
    {
        // nvidia-smi lists GPUs in index order, so the row number is the index.
        var rows = await QueryAsync("name,driver_version,memory.total", timeout, ct);
        return [.. rows.Where(r => r.Length >= 3).Select((r, i) => new GpuInfo(i, r[0], r[1], Number(r[2]) ?? 0))];
    }

    /// <summary>Utilisation (%) and memory used (MiB) per GPU, by index.</summary>
    public async Task<IReadOnlyList<(int Index, double? Utilization, double? MemoryUsedMib)>> SampleAsync(TimeSpan timeout, CancellationToken ct)
    {
        var rows = await QueryAsync("utilization.gpu,memory.used", timeout, ct);
        return [.. rows.Where(r => r.Length >= 2).Select((r, i) => (i, Number(r[0]), Number(r[1])))];
    }

    private async Task<List<string[]>> QueryAsync(string fields, TimeSpan timeout, CancellationToken ct)
    {
        var info = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add($"--query-gpu={fields}");
        info.ArgumentList.Add("--format=csv,noheader,nounits");
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {Path}");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(limit.Token);
            var errors = process.StandardError.ReadToEndAsync(limit.Token);
            await process.WaitForExitAsync(limit.Token);
            var text = await output;
            await errors;
            return process.ExitCode != 0
                ? throw new InvalidOperationException($"{Path} exited with code {process.ExitCode}")
                : [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.Split(',', StringSplitOptions.TrimEntries))];
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path} did not answer within {timeout.TotalSeconds:0.#} s");
        }
    }

    // "[N/A]" and "[Not Supported]" are what nvidia-smi prints for a field the GPU does not report.
    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
}
