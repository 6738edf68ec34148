using System.Text.Json.Nodes;
using CiGate.Core.Comparing;
using CiGate.Core.Results;

namespace CiGate.History.Tests.Support;

/// <summary>
/// Runs made up in memory: an accuracy suite whose item i is answered right when its fixed
/// difficulty is below the run's accuracy, with a few seeded flips, as the simulator does.
/// </summary>
internal static class SyntheticRuns
{
    public const string Suite = "mmlu-pro";
    public const string Metric = "exact_match,mmlu-pro";
    public const string Target = "sim";

    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static LoadedRun Create(
        string runId,
        int items = 50,
        double accuracy = 0.7,
        int seed = 1,
        string model = "sim-model",
        string definitionHash = "def-1",
        string dataset = "data-1",
        double? metricValue = null,
        DateTimeOffset? started = null,
        string status = "complete",
        string suiteName = Suite)
    {
        var random = new Random(seed);
        var records = new List<ItemRecord>();
        for (var i = 0; i < items; i++)
        {
            var difficulty = Difficulty(i);
            var right = difficulty < accuracy ^ random.NextDouble() < 0.05;
            var failed = i == items - 1 && items > 10;
            records.Add(new ItemRecord
            {
                Suite = suiteName,
                Target = Target,
                Item = $"q{i:D5}",
                Repeat = 0,
                PromptHash = $"p{i:x8}",
                Group = $"cat{i % 3}",
                Reference = "B",
                Question = $"Question {i}: what is {i} + {i}?",
                Output = failed ? null : $"Let me think about {i}. The answer is ({(right ? "B" : "C")}).",
                FinishReason = failed ? null : "stop",
                Extracted = failed ? new Dictionary<string, string>() : new Dictionary<string, string> { ["mmlu-pro"] = right ? "B" : "C", ["custom-extract"] = "[invalid]" },
                Scores = failed ? new Dictionary<string, double>() : new Dictionary<string, double> { [Metric] = right ? 1 : 0, ["exact_match,custom-extract"] = 0 },
                LatencyMs = 10 + i,
                PromptTokens = 100 + i,
                CompletionTokens = 20,
                Attempts = failed ? 6 : 1,
                Cached = i % 7 == 0,
                ServedModel = failed ? null : model,
                Error = failed ? "HTTP 500 after 6 attempts" : null,
                ErrorKind = failed ? "server" : null,
            });
        }

        var scored = records.Where(r => r.Error is null).ToList();
        var mean = metricValue ?? scored.Average(r => r.Scores[Metric]);
        var n = scored.Count;
        var metrics = new Dictionary<string, MetricSummary>
        {
            [Metric] = new(mean, Math.Sqrt(mean * (1 - mean) / n), n),
            ["exact_match,custom-extract"] = new(0, 0, n),
        };
        var suite = new SuiteResult(
            suiteName, "accuracy", Target, "configured-model", [model], definitionHash, "prompt-1",
            new DatasetInfo("/data/test.jsonl", dataset, 12032, items),
            new ResultCounts(items, 1, items, n, items - n, 0, records.Count(r => r.Cached), new Dictionary<string, int> { ["mmlu-pro"] = 0 }),
            metrics, "category", null, null,
            new UsageSummary(1000, 200, 12, 11, 20, 40),
            new JsonObject { ["preset"] = "mmlu-pro", ["generation"] = new JsonObject { ["max_tokens"] = 2048 } });
        var start = started ?? Epoch;
        var target = new TargetInfo(Target, "http://127.0.0.1:8000/v1", "configured-model", "chat", null, [], 64, 120, 6, 0, 1234, true);
        var results = new RunResults(1, "cigate", "0.1.0", runId, status, start, start.AddMinutes(3), 180, "/repo/cigate.yml", [target], [suite]);
        return new LoadedRun($"/tmp/{runId}", results, records);
    }

    /// <summary>A fixed pseudo-random difficulty per item, independent of the run.</summary>
    private static double Difficulty(int item) => (((item * 2654435761L) % 1000) + 1000) % 1000 / 1000.0;

    /// <summary>Writes a run as `cigate run` would: results.json and items.jsonl.</summary>
    public static async Task WriteAsync(LoadedRun run, string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        await ResultsJson.WriteAsync(folder, run.Results, ct);
        await using var items = ItemsWriter.Open(Path.Combine(folder, ItemsFile.FileName), 0);
        foreach (var record in run.Items)
        {
            items.Add(record);
        }
    }
}
