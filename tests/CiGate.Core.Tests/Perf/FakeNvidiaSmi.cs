using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Perf;

/// <summary>A shell script that answers nvidia-smi's two queries with canned CSV (no header, no units).</summary>
internal static class FakeNvidiaSmi
{
    public static string Write(TempFolder temp, int gpus, IReadOnlyList<string>? utilization = null)
    {
        var inventory = string.Join("\\n", Enumerable.Range(0, gpus).Select(_ => "NVIDIA H100 80GB HBM3, 550.54.15, 81559"));
        var samples = string.Join("\\n", Enumerable.Range(0, gpus).Select(i => $"{utilization?[i] ?? "50"}, 40000"));
        var path = temp.Write("nvidia-smi", $$"""
            #!/bin/sh
            case "$1" in
              --query-gpu=name,driver_version,memory.total) printf '{{inventory}}\n' ;;
              --query-gpu=utilization.gpu,memory.used) printf '{{samples}}\n' ;;
              *) echo "unexpected query: $*" >&2; exit 6 ;;
            esac
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
