using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CiGate.Cli;
using CiGate.Core.Suites.Tools;
using CiGate.Core.Suites.Tools.Bfcl;
using CiGate.Core.Targets;

namespace CiGate.Bench;

/// <summary>
/// The bfcl preset over all 1,240 items of the 5 categories against the in-process simulator, then
/// the tool layer alone: BFCL functions to OpenAI tools plus the AST check of the recorded calls,
/// per item in CPU time (the process's, best of several passes).
/// </summary>
internal static class ToolsBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var concurrency = Option(args, "--concurrency") ?? "64";
        var accuracy = Option(args, "--accuracy") ?? "0.8";
        var prompt = Option(args, "--mode") == "prompt";
        var folder = Option(args, "--dataset")
            ?? Path.GetDirectoryName(DatasetLocator.Find(Path.Combine("bfcl", "BFCL_v4_simple_python.json")))!;
        var work = Directory.CreateTempSubdirectory("cigate-bench-tools-").FullName;
        try
        {
            var config = Path.Combine(work, "cigate.yml");
            await File.WriteAllTextAsync(config, $$"""
                targets:
                  sim: { model: fc, concurrency: {{concurrency}}, simulator: { accuracy: {{accuracy}}, seed: 1 } }
                suites:
                  bfcl:
                    preset: bfcl
                    mode: {{(prompt ? "prompt" : "function_calling")}}
                    bfcl: { dataset: "{{folder.Replace('\\', '/')}}" }
                """);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            string[] run = ["run", config, "--out", Path.Combine(work, "out"), "--quiet"];
            var code = await CliApp.RunAsync(run, TextWriter.Null, Console.Error);
            wall.Stop();
            var runCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            if (code != 0)
            {
                Console.Error.WriteLine($"cigate run exited {code}");
                return code;
            }

            var (items, perItemUs) = ToolLayer(folder, Path.Combine(work, "out", "items.jsonl"), prompt);
            Console.WriteLine(
                "| bench | items | concurrency | wall s | run CPU ms/item (CLI + simulator) | tool CPU µs/item "
                + "| load avg |");
            Console.WriteLine("|:--|--:|--:|--:|--:|--:|--:|");
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| tools bfcl{(prompt ? " (prompt mode)" : "")} | {items} | {concurrency} | "
                + $"{wall.Elapsed.TotalSeconds:F2} | "
                + $"{runCpu.TotalMilliseconds / items:F3} | {perItemUs:F1} | {CpuMeter.LoadAverage():F2} |"));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// Re-scores the run's recorded calls: tool conversion plus the AST check, best of 20 passes; in
    /// prompt mode the functions' system message, decoding the reply's text and the AST check.
    /// </summary>
    private static (int Items, double PerItemUs) ToolLayer(string folder, string itemsFile, bool prompt)
    {
        var items = BfclCategories.All.SelectMany(c => BfclDataset.Read(folder, c)).ToDictionary(i => i.Id);
        var recorded = new List<(BfclItem Item, IReadOnlyList<ToolCall> Calls, string Output)>();
        foreach (var line in File.ReadLines(itemsFile))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var calls = root.TryGetProperty("tool_calls", out var list)
                ? list.EnumerateArray().Select(c => new ToolCall(
                    null, c.GetProperty("name").GetString()!, c.GetProperty("arguments").GetString()!)).ToList()
                : [];
            var output = root.TryGetProperty("output", out var o) ? o.GetString() ?? "" : "";
            recorded.Add((items[root.GetProperty("item").GetString()!], calls, output));
        }

        var best = double.MaxValue;
        var valid = 0;
        for (var pass = 0; pass < 20; pass++)
        {
            var start = ThreadCpu();
            valid = 0;
            foreach (var (item, calls, output) in recorded)
            {
                if (prompt)
                {
                    var functions = item.Functions.Select(f => JsonSerializer.Deserialize<JsonElement>(f.Json));
                    _ = PromptCalls.Instructions(functions);
                    var decoded = PromptCalls.Parse(output) ?? [];
                    var verdict = BfclChecker.Check(item.Category, item.Functions, decoded, item.Answers, false);
                    valid += verdict.Valid ? 1 : 0;
                    continue;
                }

                _ = BfclTools.ToOpenAi(item.Functions);
                valid += BfclChecker.Check(item.Category, item.Functions, calls, item.Answers).Valid ? 1 : 0;
            }

            best = Math.Min(best, (ThreadCpu() - start).TotalMicroseconds / recorded.Count);
        }

        Console.Error.WriteLine($"re-scored {recorded.Count} items: {valid} valid");
        return (recorded.Count, best);
    }

    /// <summary>This process's CPU: after the run only the scoring loop works (the simulator has stopped).</summary>
    private static TimeSpan ThreadCpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
