using System.Diagnostics;
using System.Globalization;
using CiGate.Core.Config;

namespace CiGate.Bench;

/// <summary>
/// `cigate compare` on two full MMLU-Pro runs (12,032 items each; two simulated models that
/// differ by seed), timed as its own process: wall time and CPU time (getrusage), startup included.
/// </summary>
internal static class CompareBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        // --cigate PATH times another build of the tool, e.g. a ReadyToRun publish; --reference
        // PATH times a second build alternately in the same run (on a busy machine the ratio is
        // the number to trust), --reference-env NAME=VALUE runs it with that variable set (the
        // same build under another runtime setting: --reference-env DOTNET_TieredPGO=0);
        // --folders BASE HEAD reuses two results folders instead of running the simulator;
        // --repeat N times each build N times.
        var cigate = Option(args, "--cigate") is { } given
            ? Path.GetFullPath(given)
            : Path.Combine(AppContext.BaseDirectory, "cigate.dll");
        var referenceEnv = Option(args, "--reference-env")?.Split('=', 2) is [var key, var value]
            ? new Dictionary<string, string> { [key] = value }
            : [];
        var reference = Option(args, "--reference") is { } other ? Path.GetFullPath(other)
            : referenceEnv.Count > 0 ? cigate : null;
        var repeat = Option(args, "--repeat") is { } times ? int.Parse(times, CultureInfo.InvariantCulture) : 1;
        var work = Directory.CreateTempSubdirectory("cigate-compare-bench-").FullName;
        var at = Array.IndexOf(args, "--folders");
        var folders = at >= 0
            ? [Path.GetFullPath(args[at + 1]), Path.GetFullPath(args[at + 2])]
            : await RunBothAsync(cigate, work);

        var builds = reference is null ? [("cigate", cigate)] : new[] { ("cigate", cigate), ("reference", reference) };
        var walls = builds.ToDictionary(b => b.Item1, _ => new List<double>());
        string? verdict = null;
        for (var i = 0; i < repeat; i++)
        {
            foreach (var (name, dll) in builds)
            {
                var before = ChildUsage.Read();
                var clock = Stopwatch.StartNew();
                var environment = name == "reference" ? referenceEnv : [];
                using var compare = ChildProcess.StartWith(
                    environment, "dotnet", dll, "compare", "--base", folders[0], "--head", folders[1],
                    "--out", Path.Combine(work, "compare-" + name));
                var (code, text) = await compare.WaitAsync();
                clock.Stop();
                var after = ChildUsage.Read();
                walls[name].Add(clock.Elapsed.TotalSeconds);
                verdict ??= text.Split('\n')[1];
                var cpu = (after.Cpu - before.Cpu).TotalSeconds;
                Console.WriteLine(
                    Invariant($"{name} compare, 2 x 12,032 items: exit {code}, wall {clock.Elapsed.TotalSeconds:0.00} s, ")
                    + Invariant($"CPU {cpu:0.00} s (process start, JIT, reading both folders, statistics, 4 reports)"));
            }
        }

        foreach (var (name, list) in walls.Where(w => w.Value.Count > 1))
        {
            list.Sort();
            Console.WriteLine(Invariant(
                $"{name}: median wall {list[list.Count / 2]:0.00} s, min {list[0]:0.00} s over {list.Count}"));
        }

        if (reference is not null)
        {
            var ratios = walls["cigate"].Zip(walls["reference"], (a, b) => a / b).Order().ToList();
            Console.WriteLine(Invariant($"cigate / reference wall: median {ratios[ratios.Count / 2]:0.00}x"));
        }

        Console.WriteLine(verdict);
        for (var pass = 1; pass <= 2; pass++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var inProcess = Stopwatch.StartNew();
            var items = Stopwatch.StartNew();
            CiGate.Core.Results.ItemsFile.Read(Path.Combine(folders[0], "items.jsonl"), out _);
            items.Stop();
            var results = Stopwatch.StartNew();
            CiGate.Core.Results.ResultsJson.TryRead(folders[0]);
            results.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  one items.jsonl {items.Elapsed.TotalMilliseconds:0} ms, one results.json {results.Elapsed.TotalMilliseconds:0} ms"));
            var load = Stopwatch.StartNew();
            var baseRun = CiGate.Core.Comparing.LoadedRun.Load(folders[0]);
            var headRun = CiGate.Core.Comparing.LoadedRun.Load(folders[1]);
            load.Stop();
            var pairing = Stopwatch.StartNew();
            var comparison = CiGate.Core.Comparing.Comparer.Compare(baseRun, headRun, new CiGate.Core.Comparing.CompareOptions());
            var result = CiGate.Core.Gating.Gate.Evaluate(comparison, new Dictionary<string, GateSettings>());
            pairing.Stop();
            var render = Stopwatch.StartNew();
            CiGate.Core.Reporting.ReportRenderer.Render(result, new CiGate.Core.Reporting.ReportOptions());
            render.Stop();
            inProcess.Stop();
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  in process, pass {pass}: wall {inProcess.Elapsed.TotalMilliseconds:0} ms (read folders {load.Elapsed.TotalMilliseconds:0} ms, compare and gate {pairing.Elapsed.TotalMilliseconds:0} ms, render {render.Elapsed.TotalMilliseconds:0} ms), CPU {used.TotalMilliseconds:0} ms"));
        }

        Directory.Delete(work, recursive: true);
        return 0;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    // Two full MMLU-Pro runs against the simulator: two models that differ by seed.
    private static async Task<string[]> RunBothAsync(string cigate, string work)
    {
        var dataset = DatasetLocator.Find("mmlu-pro/test.jsonl");
        using var sim = ChildProcess.Start("dotnet", cigate, "sim", "--port", "0", "--answers", $"mmlu-pro={dataset}", "--model", "base=0.7:1", "--model", "head=0.7:2");
        var banner = await sim.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the simulator did not start");
        var url = banner.Split(' ').First(w => w.StartsWith("http://", StringComparison.Ordinal));
        var folders = new List<string>();
        foreach (var model in new[] { "base", "head" })
        {
            var config = Path.Combine(work, $"{model}.yml");
            await File.WriteAllTextAsync(config, $"targets: {{ sim: {{ base_url: \"{url}\", model: {model}, concurrency: 64 }} }}\nsuites: {{ mmlu-pro: {{ preset: mmlu-pro, dataset: {{ path: \"{dataset}\" }} }} }}\n");
            var output = Path.Combine(work, model);
            using var run = ChildProcess.Start("dotnet", cigate, "run", config, "--out", output, "--quiet");
            var (exit, text) = await run.WaitAsync();
            if (exit != 0)
            {
                throw new InvalidOperationException($"run exited {exit}: {text}");
            }

            folders.Add(output);
        }

        return [.. folders];
    }
}
