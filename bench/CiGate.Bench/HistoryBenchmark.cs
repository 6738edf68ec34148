using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CiGate.Core.Comparing;
using CiGate.Core.History;
using CiGate.Core.History.ChangePoints;
using CiGate.Core.Results;
using CiGate.History;

namespace CiGate.Bench;

/// <summary>
/// The history store on SQLite: records N runs of a 12,032-item suite (MMLU-Pro's size; item ids,
/// categories and question excerpts from the real dataset when it is there), one transaction per
/// run as `cigate history record` does, then times the queries over that history: a trend over
/// every run, change points, and a compare of two runs item by item.
///   history [--runs 1000] [--items 12032] [--db PATH]
/// </summary>
internal static class HistoryBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = Arg(args, "--runs", 1000);
        var items = Arg(args, "--items", 12_032);
        var index = Array.IndexOf(args, "--db");
        var work = Directory.CreateTempSubdirectory("cigate-history-bench-").FullName;
        var db = index >= 0 ? Path.GetFullPath(args[index + 1]) : Path.Combine(work, "history.db");
        var template = Template(items);
        Console.WriteLine($"history bench: {runs} runs x {template.Count} items into {db}");

        var record = new List<double>();
        await using (var store = await HistoryStores.OpenSqliteAsync(db, CancellationToken.None))
        {
            for (var r = 0; r < runs; r++)
            {
                var run = Run(template, r);
                var clock = Stopwatch.StartNew();
                await store.RecordAsync(new HistoryRecord(run, new RunIdentity("o/r", $"{r:x8}{r * 2654435761L:x8}", "main", r % 100 == 99 ? $"v1.{r / 100}" : null), DateTimeOffset.UtcNow), CancellationToken.None);
                record.Add(clock.Elapsed.TotalMilliseconds);
                if ((r + 1) % 100 == 0 || r + 1 == runs)
                {
                    var recent = record.Skip(Math.Max(0, record.Count - 100)).ToList();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {r + 1,5} runs: record {recent.Average():0.0} ms/run (last {recent.Count}), p95 {Percentile(recent, 0.95):0.0} ms; db {new FileInfo(db).Length / 1048576.0:0} MB"));
                }
            }
        }

        await using (var store = await HistoryStores.OpenSqliteAsync(db, CancellationToken.None))
        {
            var query = new TrendQuery("mmlu-pro", "exact_match,mmlu-pro", "main");
            var trend = await TimeAsync("trend (every run on main)", async () => Trend.Build(query, await store.SeriesAsync(query, CancellationToken.None)));
            var last = await TimeAsync("trend --last 100", () => store.SeriesAsync(query with { Last = 100 }, CancellationToken.None));
            var found = Time("changepoints (E-Divisive, 499 permutations)", () => ChangePointDetector.Detect(trend, new EDivisiveOptions()));
            var list = await TimeAsync("list --last 50", () => store.ListAsync(new HistoryFilter(Last: 50), CancellationToken.None));
            var (a, b) = (Run(template, 0).Results.RunId, Run(template, runs - 1).Results.RunId);
            var loaded = await TimeAsync("compare: load both runs", async () => (await store.LoadAsync(a, CancellationToken.None), await store.LoadAsync(b, CancellationToken.None)));
            var comparison = Time("compare: pair and test", () => Comparer.Compare(loaded.Item1!, loaded.Item2!, new Core.Comparing.CompareOptions()));
            Console.WriteLine($"  ({trend.Series.Sum(s => s.Points.Count())} trend points, {last.Count} with --last, {found.Count} change points, {list.Count} listed, {comparison.Suites[0].PairedItems} items paired)");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"record: mean {record.Average():0.0} ms/run, p50 {Percentile(record, 0.5):0.0}, p95 {Percentile(record, 0.95):0.0}, total {record.Sum() / 1000:0.0} s; db {new FileInfo(db).Length / 1048576.0:0} MB ({new FileInfo(db).Length / (double)runs / 1024:0} KB/run)"));
        if (index < 0)
        {
            Directory.Delete(work, recursive: true);
        }

        return 0;
    }

    /// <summary>Item ids, categories and question excerpts: MMLU-Pro's own when the dataset is there.</summary>
    private static List<(string Id, string Group, string Question)> Template(int count)
    {
        var list = new List<(string, string, string)>();
        try
        {
            foreach (var line in File.ReadLines(DatasetLocator.Find("mmlu-pro/test.jsonl")).Take(count))
            {
                var item = JsonNode.Parse(line)!;
                var question = item["question"]!.GetValue<string>();
                list.Add((item["question_id"]!.ToString(), item["category"]!.GetValue<string>(), question.Length > 200 ? question[..200] : question));
            }
        }
        catch (FileNotFoundException)
        {
        }

        for (var i = list.Count; i < count; i++)
        {
            list.Add((i.ToString(CultureInfo.InvariantCulture), $"category{i % 14}", $"Synthetic question {i} with some words to make it about as long as a real excerpt of MMLU-Pro."));
        }

        return list;
    }

    /// <summary>Run r: each item right when its fixed difficulty is below 0.7, with 5% seeded flips per run.</summary>
    private static LoadedRun Run(List<(string Id, string Group, string Question)> template, int r)
    {
        var random = new Random(r);
        var records = new List<ItemRecord>(template.Count);
        var right = 0;
        for (var i = 0; i < template.Count; i++)
        {
            var (id, group, question) = template[i];
            var correct = (((i * 2654435761L) % 1000) / 1000.0 < 0.7) ^ (random.NextDouble() < 0.05);
            right += correct ? 1 : 0;
            var answer = correct ? "B" : "C";
            records.Add(new ItemRecord
            {
                Suite = "mmlu-pro", Target = "sim", Item = id, PromptHash = ((ulong)i * 0x9E3779B97F4A7C15UL).ToString("x16", CultureInfo.InvariantCulture),
                Group = group, Reference = "B", Question = question, Output = $"... The answer is ({answer}).", FinishReason = "stop",
                Extracted = new Dictionary<string, string> { ["mmlu-pro"] = answer, ["custom-extract"] = answer },
                Scores = new Dictionary<string, double> { ["exact_match,mmlu-pro"] = correct ? 1 : 0, ["exact_match,custom-extract"] = correct ? 1 : 0 },
                LatencyMs = 50 + random.Next(200), PromptTokens = 300, CompletionTokens = 120, Attempts = 1, ServedModel = "cigate-sim",
            });
        }

        var p = right / (double)template.Count;
        var metric = new MetricSummary(p, Math.Sqrt(p * (1 - p) / template.Count), template.Count);
        var suite = new SuiteResult("mmlu-pro", "accuracy", "sim", "cigate-sim", ["cigate-sim"], "definition", "prompt", new DatasetInfo("test.jsonl", "dataset", 12032, template.Count),
            new ResultCounts(template.Count, 1, template.Count, template.Count, 0, 0, 0, new Dictionary<string, int>()),
            new Dictionary<string, MetricSummary> { ["exact_match,mmlu-pro"] = metric, ["exact_match,custom-extract"] = metric }, "category", null, null,
            new UsageSummary(0, 0, 0, 0, 0, 0), new JsonObject { ["preset"] = "mmlu-pro" });
        var started = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(r);
        var results = new RunResults(1, "cigate", "0.1.0", $"bench-{r:D5}", "complete", started, started.AddMinutes(5), 300, "cigate.yml", [], [suite]);
        return new LoadedRun($"bench-{r}", results, records);
    }

    private static async Task<T> TimeAsync<T>(string what, Func<Task<T>> action)
    {
        var clock = Stopwatch.StartNew();
        var result = await action();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: {clock.Elapsed.TotalMilliseconds:0.0} ms"));
        return result;
    }

    private static T Time<T>(string what, Func<T> action)
    {
        var clock = Stopwatch.StartNew();
        var result = action();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: {clock.Elapsed.TotalMilliseconds:0.0} ms"));
        return result;
    }

    private static double Percentile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
