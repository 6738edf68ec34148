using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CiGate.Core.Coverage;

namespace CiGate.Bench;

/// <summary>
/// `coverage`: CPU seconds of `cigate coverage`'s core (read + redact a JSONL file, embed, cluster, cover) on
/// --records traffic records made by repeating MMLU-Pro questions with seeded perturbations (dropped and
/// swapped words, a greeting). `coverage --splits`: quality on MMLU-Pro per category split (split s leaves out
/// the categories at alphabetical positions p with p % 4 == s), for the tuning grid use --grid.
/// </summary>
internal static class CoverageBenchmark
{
    private static readonly CoverageOptions Defaults = new();

    public static int Run(string[] args)
    {
        var dataset = Option(args, "--dataset") ?? DatasetLocator.Find("mmlu-pro/test.jsonl");
        var questions = Load(dataset);
        if (args.Contains("--explore-semantic"))
        {
            return CoverageSemantic.Run(questions, args);
        }

        if (args.Contains("--explore"))
        {
            return CoverageExplore.Run(questions, args, int.Parse(Option(args, "--cases") ?? "10",
                CultureInfo.InvariantCulture));
        }

        if (args.Contains("--topics"))
        {
            return CoverageTopics.Run(questions, args, int.Parse(Option(args, "--cases") ?? "10",
                CultureInfo.InvariantCulture));
        }

        if (args.Contains("--splits"))
        {
            return Splits(questions, args, int.Parse(Option(args, "--cases") ?? "10", CultureInfo.InvariantCulture));
        }

        var records = int.Parse(Option(args, "--records") ?? "100000", CultureInfo.InvariantCulture);
        var path = Path.Combine(Path.GetTempPath(), $"cigate-coverage-bench-{Environment.ProcessId}.jsonl");
        var random = new Random(7);
        using (var writer = new StreamWriter(path))
        {
            for (var i = 0; i < records; i++)
            {
                var words = questions[i % questions.Count].Text.Split(' ').ToList();
                if (i >= questions.Count && words.Count > 4)
                {
                    words.RemoveAt(random.Next(words.Count));
                    var a = random.Next(words.Count - 1);
                    (words[a], words[a + 1]) = (words[a + 1], words[a]);
                    words.Insert(0, random.Next(3) switch { 0 => "Hi,", 1 => "Please help:", _ => "Question:" });
                }

                writer.WriteLine(JsonSerializer.Serialize(new { prompt = string.Join(' ', words),
                    feedback = random.Next(10) == 0 ? -1 : 1 }));
            }
        }

        var cases = CasesFor(questions, MissingCategories(questions, 1), 10);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var traffic = TrafficReader.Read(path);
        var analysis = CoverageAnalyzer.Analyze(traffic, cases);
        var seconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        File.Delete(path);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"coverage: {records} records, {cases.Count} cases, k={analysis.Report.Clusters.Count}: {seconds:0.0} s CPU, {wall.Elapsed.TotalSeconds:0.0} s wall, "
            + $"coverage {analysis.Report.Coverage:0.000}; {Environment.ProcessorCount} cores, load average {CpuMeter.LoadAverage():0.00}"));
        return 0;
    }

    internal sealed record Question(string Text, string Category);

    private static int Splits(List<Question> questions, string[] args, int perCategory)
    {
        var splits = (Option(args, "--split") ?? "0,1,2,3").Split(',').Select(s => int.Parse(s,
            CultureInfo.InvariantCulture)).ToList();
        var settings = args.Contains("--grid")
            ? from n in new[] { 3, 4, 5 }
              from r in new[] { 2.0, 4, 8 }
              from q in new[] { 0.8, 0.9, 0.95 }
              select new CoverageOptions { NgramLength = n, RecordsPerClusterSquared = r, RadiusQuantile = q }
            : [Defaults with
            {
                NgramLength = int.Parse(Option(args, "--n") ?? $"{NgramEmbedder.DefaultN}",
                    CultureInfo.InvariantCulture),
                RecordsPerClusterSquared = double.Parse(Option(args, "--r") ?? $"{Defaults.RecordsPerClusterSquared}",
                    CultureInfo.InvariantCulture),
                RadiusQuantile = double.Parse(Option(args, "--q") ?? $"{Defaults.RadiusQuantile}",
                    CultureInfo.InvariantCulture),
                MaxClusters = int.Parse(Option(args, "--max-k") ?? $"{Defaults.MaxClusters}",
                    CultureInfo.InvariantCulture),
            }];
        var traffic = questions.Select((q, i) => new TrafficRecord(i + 1, q.Text, null, false)).ToList();
        foreach (var options in settings)
        {
            foreach (var split in splits)
            {
                var missing = MissingCategories(questions, split);
                var analysis = CoverageAnalyzer.Analyze(traffic, CasesFor(questions, missing, perCategory), options);
                var uncovered = analysis.Report.Clusters.Where(c => !c.Covered).Select(c => c.Id).ToHashSet();
                var missingCount = questions.Count(q => missing.Contains(q.Category));
                var found = questions.Where((q, i) => missing.Contains(q.Category)
                    && uncovered.Contains(analysis.ClusterOf[i])).Count();
                var trueShare = 1 - ((double)missingCount / questions.Count);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"n={options.NgramLength} r={options.RecordsPerClusterSquared} q={options.RadiusQuantile} split {split} "
                    + $"[{string.Join(", ", missing.Order())}]: k={analysis.Report.Clusters.Count} coverage {analysis.Report.Coverage:0.000} "
                    + $"true {trueShare:0.000} error {Math.Abs(analysis.Report.Coverage - trueShare) * 100:0.0} pt; recall {(double)found / missingCount:0.000}"));
            }
        }

        return 0;
    }

    /// <summary>Split s leaves out the categories at alphabetical positions p with p % 4 == s (s = 1: the test's, s =
    /// 0: the tuning split).</summary>
    internal static HashSet<string> MissingCategories(List<Question> questions, int split) =>
        [.. questions.Select(q => q.Category).Distinct().Order(StringComparer.Ordinal).Where((_, p) => p % 4 == split)];

    /// <summary>The first <paramref name="perCategory"/> questions (file order) of each category not missing.</summary>
    internal static List<string> CasesFor(List<Question> questions, HashSet<string> missing, int perCategory) =>
        [.. questions.Where(q => !missing.Contains(q.Category)).GroupBy(q => q.Category).SelectMany(g => g.Take(perCategory)).Select(q => q.Text)];

    private static List<Question> Load(string path) =>
        [.. File.ReadLines(path).Where(l => l.Length > 0).Select(l =>
        {
            using var document = JsonDocument.Parse(l);
            return new Question(document.RootElement.GetProperty("question").GetString()!,
                document.RootElement.GetProperty("category").GetString()!);
        })];

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
