using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CiGate.Bench;

/// <summary>
/// The exec target's overhead per item: the same prompts suite run by `cigate run` (a process of
/// its own) against a trivial echo app over cigate-exec/1, and against the simulator over HTTP,
/// at the same concurrency. cigate's CPU is getrusage of the reaped child less its startup (the
/// same config with one case: --limit does not cut a prompts suite); the echo app's own CPU
/// (reported by the app at exit, into exec-app.log) is subtracted from it, since cigate reaps the
/// app and getrusage counts it too.
/// </summary>
internal static class ExecBenchmark
{
    private const string EchoApp = """
        import json, sys, time
        out = sys.stdout
        for line in sys.stdin:
            msg = json.loads(line)
            if msg["type"] == "hello":
                out.write(json.dumps({"type": "hello", "protocol": "cigate-exec/1", "app": "echo"}) + "\n")
            else:
                answer = msg["messages"][-1]["content"]
                out.write(json.dumps({"type": "response", "id": msg["id"], "output": answer}) + "\n")
            out.flush()
        print("echo app cpu_ms=%.1f" % (time.process_time() * 1000), file=sys.stderr)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var items = Option(args, "--items", 2000);
        var concurrency = Option(args, "--concurrency", 64);
        var cigate = Path.Combine(AppContext.BaseDirectory, "cigate.dll");
        var work = Directory.CreateTempSubdirectory("cigate-bench-exec-").FullName;
        await File.WriteAllTextAsync(Path.Combine(work, "echo.py"), EchoApp);

        using var sim = ChildProcess.Start("dotnet", cigate, "sim", "--port", "0");
        var banner = await sim.StandardOutput.ReadLineAsync()
            ?? throw new InvalidOperationException("the simulator did not start");
        var url = banner.Split(' ').First(w => w.StartsWith("http://", StringComparison.Ordinal));
        var httpTarget = $"  sim: {{ base_url: \"{url}\", model: cigate-sim, concurrency: {concurrency} }}";
        var echo = Path.Combine(work, "echo.py");
        var execTarget = $"  app: {{ type: exec, command: [python3, \"{echo}\"], concurrency: {concurrency} }}";
        var http = await WriteConfigAsync(work, "http.yml", httpTarget, items);
        var exec = await WriteConfigAsync(work, "exec.yml", execTarget, items);

        var execStartup = await MeasureAsync(cigate, await WriteConfigAsync(work, "exec1.yml", execTarget, 1),
            Path.Combine(work, "exec-startup"));
        var execRun = await MeasureAsync(cigate, exec, Path.Combine(work, "exec-run"));
        var appStartupCpu = AppCpu(Path.Combine(work, "exec-startup"));
        var appCpu = AppCpu(Path.Combine(work, "exec-run"));
        var httpStartup = await MeasureAsync(cigate, await WriteConfigAsync(work, "http1.yml", httpTarget, 1),
            Path.Combine(work, "http-startup"));
        var simBefore = SimCpu(sim);
        var httpRun = await MeasureAsync(cigate, http, Path.Combine(work, "http-run"));
        var simCpu = SimCpu(sim) - simBefore;

        var execPerItem = ((execRun.Cpu - appCpu) - (execStartup.Cpu - appStartupCpu)).TotalMilliseconds / items;
        var httpPerItem = (httpRun.Cpu - httpStartup.Cpu).TotalMilliseconds / items;
        var execWall = (execRun.Wall - execStartup.Wall).TotalMilliseconds / items;
        var httpWall = (httpRun.Wall - httpStartup.Wall).TotalMilliseconds / items;
        Print($"prompts suite, {items} items, concurrency {concurrency}, {Environment.ProcessorCount} cores");
        Row("exec (echo app) ", execRun.Wall, items, execPerItem, execWall, "app", appCpu.TotalMilliseconds / items);
        Row("http (simulator)", httpRun.Wall, items, httpPerItem, httpWall, "sim", simCpu.TotalMilliseconds / items);
        Print($"ratio exec / http: cigate CPU per item {execPerItem / httpPerItem:0.00}x, "
            + $"wall per item {execWall / httpWall:0.00}x");
        Directory.Delete(work, recursive: true);
        return 0;
    }

    private static async Task<string> WriteConfigAsync(string work, string name, string target, int items)
    {
        var yaml = new StringBuilder($"targets:\n{target}\nsuites:\n  echo:\n    kind: prompts\n");
        yaml.Append("    prompts: [{ id: ask, text: '{{ question }}' }]\n    tests:\n");
        for (var n = 1; n <= items; n++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      - {{ vars: {{ question: 'question {n}' }}, ");
            yaml.Append("assert: [{ type: contains, value: 'question' }] }\n");
        }

        var path = Path.Combine(work, name);
        await File.WriteAllTextAsync(path, yaml.ToString());
        return path;
    }

    private static async Task<(TimeSpan Wall, TimeSpan Cpu)> MeasureAsync(string cigate, string config, string output)
    {
        var before = ChildUsage.Read();
        var clock = Stopwatch.StartNew();
        using var tool = ChildProcess.Start("dotnet",
            [cigate, "run", config, "--out", output, "--quiet", "--allow-commands"]);
        var (exit, text) = await tool.WaitAsync();
        clock.Stop();
        if (exit != 0)
        {
            throw new InvalidOperationException($"cigate run exited {exit}: {text}");
        }

        return (clock.Elapsed, ChildUsage.Read().Cpu - before.Cpu);
    }

    /// <summary>The echo app's own CPU, from the line it writes to stderr (exec-app.log) as it exits.</summary>
    private static TimeSpan AppCpu(string results)
    {
        var line = File.ReadLines(Path.Combine(results, "exec-app.log")).Last(l => l.StartsWith("echo app cpu_ms=",
            StringComparison.Ordinal));
        return TimeSpan.FromMilliseconds(double.Parse(line["echo app cpu_ms=".Length..], CultureInfo.InvariantCulture));
    }

    private static TimeSpan SimCpu(ChildProcess sim)
    {
        sim.Process.Refresh();
        return sim.Process.TotalProcessorTime;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1],
            CultureInfo.InvariantCulture) : fallback;
    }

    // The tool pins InvariantGlobalization: interpolation is culture-free.
    private static void Row(
        string name, TimeSpan wall, int items, double cpu, double perItemWall, string server, double serverCpu) =>
        Print($"{name} wall {wall.TotalSeconds:0.00} s  {items / wall.TotalSeconds:0} items/s  "
            + $"cigate CPU per item {cpu:0.000} ms  wall per item {perItemWall:0.000} ms  "
            + $"{server} CPU per item {serverCpu:0.000} ms");

    private static void Print(string line) => Console.WriteLine(line);
}
