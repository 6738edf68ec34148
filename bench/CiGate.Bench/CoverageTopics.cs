using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CiGate.Bench;

/// <summary>
/// `coverage --topics [--k 20,50,100] [--q 0,0.5] [--split S] [--iterations 150] [--min-df 3]`: a topic-model
/// family for the offline embedder, measured against MMLU-Pro's category splits (issue #26, done-when 1). Words of
/// at least 3 letters, lower-cased, English stop words removed, digit runs as one token "#num"; a vocabulary of
/// words in at least min-df records and at most half of them (the 8,000 most frequent); TF-IDF rows, L2-normalised.
/// NMF (Lee and Seung's multiplicative updates for the Frobenius loss, seeded uniform start) fitted on the traffic
/// only; a record's cluster is its dominant topic. A test case is projected with the topics fixed (the same
/// updates on its row alone) and covers its dominant topic when its share of that topic reaches the q-quantile of
/// the topic's own records' shares (q = 0: any case whose dominant topic it is). Prints per k the purity
/// (records in their topic's majority category) and, per q and split, coverage / true / error / recall, and the
/// CPU seconds of the fit. `--kmeans`: the shipped clustering (spherical k-means, radius quantile q) on the same
/// keyword features instead, to tell the features' effect from the topic model's.
/// </summary>
internal static class CoverageTopics
{
    private const float Epsilon = 1e-9f;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "are", "but", "not", "you", "your", "all", "any", "can", "was", "were", "has", "have",
        "had", "this", "that", "these", "those", "with", "from", "what", "which", "who", "whom", "why", "when",
        "where", "how", "does", "did", "will", "would", "should", "could", "its", "our", "their", "there", "they",
        "them", "his", "her", "she", "him", "than", "then", "into", "about", "been", "being", "also", "only", "one",
        "two", "may", "most", "more", "some", "such", "each", "other", "following", "true", "false", "statement",
        "statements", "question", "answer", "given", "use", "used", "using", "following", "between", "after",
        "before", "over", "under", "both", "same", "very", "just", "per", "out", "off", "own", "too", "now", "any",
        "because", "while", "during", "through", "above", "below", "again", "further", "here", "once", "few",
        "many", "much", "must", "might", "shall", "let", "get", "got", "made", "make", "like", "well", "even",
        "what", "find", "best", "likely", "correct", "which", "whose", "upon", "within", "without", "either",
        "neither", "nor", "yet", "since", "until", "less", "least", "greater", "among", "whether",
    };

    public static int Run(List<CoverageBenchmark.Question> questions, string[] args, int perCategory)
    {
        var ks = (Option(args, "--k") ?? "20,50,100").Split(',').Select(int.Parse).ToArray();
        var qs = (Option(args, "--q") ?? "0,0.5").Split(',')
            .Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var splits = (Option(args, "--split") ?? "0,1,2,3").Split(',').Select(int.Parse).ToArray();
        var iterations = int.Parse(Option(args, "--iterations") ?? "150", CultureInfo.InvariantCulture);
        var minDf = int.Parse(Option(args, "--min-df") ?? "3", CultureInfo.InvariantCulture);
        var texts = questions.Select(q => q.Text).ToList();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var vocabulary = Vocabulary(texts, minDf);
        var matrix = Matrix(texts, vocabulary);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"vocabulary {vocabulary.Terms.Count} words, {matrix.Values.Length} non-zeros, "
            + $"{(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s CPU"));
        if (args.Contains("--kmeans"))
        {
            KMeans(questions, texts, vocabulary, matrix, ks, qs, splits, perCategory);
            return 0;
        }

        foreach (var k in ks)
        {
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var (w, h) = Fit(matrix, vocabulary.Terms.Count, k, iterations, 20260);
            var fitSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var (topic, share) = Dominant(w, texts.Count, k);
            var purity = Purity(topic, questions, k);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"k={k}: fit {fitSeconds:0.0} s CPU ({iterations} iterations), purity {purity:0.000}; topics: ")
                + string.Join(" | ", Enumerable.Range(0, Math.Min(k, 8)).Select(t => TopWords(h, t, k, vocabulary))));
            foreach (var split in splits)
            {
                var missing = CoverageBenchmark.MissingCategories(questions, split);
                var cases = CoverageBenchmark.CasesFor(questions, missing, perCategory);
                var caseMatrix = Matrix(cases, vocabulary);
                var caseW = Project(caseMatrix, cases.Count, h, k, iterations);
                var (caseTopic, caseShare) = Dominant(caseW, cases.Count, k);
                foreach (var q in qs)
                {
                    var radius = Radius(topic, share, k, q);
                    var covered = new bool[k + 1];
                    for (var c = 0; c < cases.Count; c++)
                    {
                        if (caseTopic[c] < k && caseShare[c] >= radius[caseTopic[c]])
                        {
                            covered[caseTopic[c]] = true;
                        }
                    }

                    var inCovered = topic.Count(t => covered[t]);
                    var missingCount = questions.Count(x => missing.Contains(x.Category));
                    var found = questions.Where((x, i) => missing.Contains(x.Category) && !covered[topic[i]]).Count();
                    var coverage = (double)inCovered / texts.Count;
                    var trueShare = 1 - ((double)missingCount / texts.Count);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  k={k} q={q} split {split} [{string.Join(", ", missing.Order())}]: "
                        + $"coverage {coverage:0.000} true {trueShare:0.000} error {Math.Abs(coverage - trueShare) * 100:0.0} pt; "
                        + $"recall {(double)found / missingCount:0.000}"));
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores, load average {CpuMeter.LoadAverage():0.00}"));
        return 0;
    }

    /// <summary>
    /// The shipped method (spherical k-means, radius quantile q, a case covers its nearest cluster within the radius)
    /// on these keyword features instead of the shipped hashed words: isolates the features' effect.
    /// </summary>
    private static void KMeans(List<CoverageBenchmark.Question> questions, List<string> texts, Vocab vocabulary,
        Csr matrix, int[] ks, double[] qs, int[] splits, int perCategory)
    {
        var points = Rows(matrix, texts.Count);
        foreach (var k in ks)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var (model, assignments, similarities) = CiGate.Core.Coverage.SphericalKMeans.Fit(points, k,
                vocabulary.Terms.Count, 20260);
            var seconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"kmeans k={model.K}: {seconds:0.0} s CPU, purity {Purity(assignments, questions, model.K):0.000}"));
            foreach (var q in qs)
            {
                var radius = new float[model.K];
                for (var c = 0; c < model.K; c++)
                {
                    var sims = assignments.Select((a, i) => (a, i)).Where(p => p.a == c)
                        .Select(p => similarities[p.i]).OrderByDescending(x => x).ToArray();
                    radius[c] = sims.Length == 0 ? float.PositiveInfinity
                        : sims[Math.Min(sims.Length - 1, Math.Max(0, (int)Math.Ceiling(q * sims.Length) - 1))];
                }

                foreach (var split in splits)
                {
                    var missing = CoverageBenchmark.MissingCategories(questions, split);
                    var cases = CoverageBenchmark.CasesFor(questions, missing, perCategory);
                    var casePoints = Rows(Matrix(cases, vocabulary), cases.Count);
                    var covered = new bool[model.K];
                    foreach (var point in casePoints)
                    {
                        var (cluster, similarity) = model.Nearest(point);
                        covered[cluster] |= similarity >= radius[cluster];
                    }

                    var missingCount = questions.Count(x => missing.Contains(x.Category));
                    var found = questions.Where((x, i) => missing.Contains(x.Category) && !covered[assignments[i]])
                        .Count();
                    var coverage = (double)assignments.Count(a => covered[a]) / texts.Count;
                    var trueShare = 1 - ((double)missingCount / texts.Count);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  kmeans k={model.K} q={q} split {split}: coverage {coverage:0.000} true {trueShare:0.000} "
                        + $"error {Math.Abs(coverage - trueShare) * 100:0.0} pt; "
                        + $"recall {(double)found / missingCount:0.000}"));
                }
            }
        }
    }

    private static CiGate.Core.Coverage.SparseVector[] Rows(Csr matrix, int rows) =>
        [.. Enumerable.Range(0, rows).Select(i => new CiGate.Core.Coverage.SparseVector(
            matrix.Columns[matrix.RowStart[i]..matrix.RowStart[i + 1]],
            matrix.Values[matrix.RowStart[i]..matrix.RowStart[i + 1]]))];

    internal sealed record Vocab(Dictionary<string, int> Index, List<string> Terms, float[] Idf);

    /// <summary>Compressed sparse rows.</summary>
    internal sealed record Csr(int[] RowStart, int[] Columns, float[] Values);

    internal static IEnumerable<string> Tokens(string text)
    {
        var word = new StringBuilder();
        var digits = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var ch = i < text.Length ? text[i] : ' ';
            if (char.IsLetter(ch))
            {
                if (digits)
                {
                    yield return "#num";
                    digits = false;
                }

                word.Append(char.ToLowerInvariant(ch));
                continue;
            }

            if (char.IsDigit(ch))
            {
                digits = true;
            }
            else if (digits)
            {
                yield return "#num";
                digits = false;
            }

            if (word.Length >= 3)
            {
                var w = word.ToString();
                if (!StopWords.Contains(w))
                {
                    yield return w;
                }
            }

            word.Clear();
        }
    }

    internal static Vocab Vocabulary(IReadOnlyList<string> texts, int minDf)
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var token in Tokens(text).Distinct(StringComparer.Ordinal))
            {
                df[token] = df.GetValueOrDefault(token) + 1;
            }
        }

        var terms = df.Where(p => p.Value >= minDf && p.Value <= texts.Count / 2)
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(8000)
            .Select(p => p.Key).ToList();
        var index = terms.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        var idf = terms.Select(t => (float)(Math.Log((1.0 + texts.Count) / (1 + df[t])) + 1)).ToArray();
        return new Vocab(index, terms, idf);
    }

    internal static Csr Matrix(IReadOnlyList<string> texts, Vocab vocabulary)
    {
        var start = new int[texts.Count + 1];
        var columns = new List<int>();
        var values = new List<float>();
        for (var i = 0; i < texts.Count; i++)
        {
            var counts = new SortedDictionary<int, int>();
            foreach (var token in Tokens(texts[i]))
            {
                if (vocabulary.Index.TryGetValue(token, out var j))
                {
                    counts[j] = counts.GetValueOrDefault(j) + 1;
                }
            }

            var row = counts.Select(p => (p.Key, (float)((1 + Math.Log(p.Value)) * vocabulary.Idf[p.Key]))).ToList();
            var norm = (float)Math.Sqrt(row.Sum(r => (double)r.Item2 * r.Item2));
            foreach (var (j, v) in row)
            {
                columns.Add(j);
                values.Add(norm == 0 ? 0 : v / norm);
            }

            start[i + 1] = columns.Count;
        }

        return new Csr(start, [.. columns], [.. values]);
    }

    /// <summary>W (rows × k, row-major) and H stored term-major (terms × k).</summary>
    internal static (float[] W, float[] Ht) Fit(Csr x, int terms, int k, int iterations, int seed)
    {
        var rows = x.RowStart.Length - 1;
        var random = new Random(seed);
        var w = new float[rows * k];
        var ht = new float[terms * k];
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = (float)random.NextDouble() * 0.1f + 0.01f;
        }

        for (var i = 0; i < ht.Length; i++)
        {
            ht[i] = (float)random.NextDouble() * 0.1f + 0.01f;
        }

        for (var iteration = 0; iteration < iterations; iteration++)
        {
            UpdateH(x, w, ht, rows, terms, k);
            UpdateW(x, w, ht, rows, terms, k);
        }

        return (w, ht);
    }

    /// <summary>The rows' W with H fixed (the same multiplicative updates on W alone).</summary>
    internal static float[] Project(Csr x, int rows, float[] ht, int k, int iterations)
    {
        var w = new float[rows * k];
        Array.Fill(w, 0.05f);
        var terms = ht.Length / k;
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            UpdateW(x, w, ht, rows, terms, k);
        }

        return w;
    }

    private static void UpdateH(Csr x, float[] w, float[] ht, int rows, int terms, int k)
    {
        // numerator (W^T X) term-major; denominator (W^T W) H term-major
        var parts = Environment.ProcessorCount;
        var partials = new float[parts][];
        Parallel.For(0, parts, p =>
        {
            var local = new float[terms * k];
            for (var i = p; i < rows; i += parts)
            {
                for (var nz = x.RowStart[i]; nz < x.RowStart[i + 1]; nz++)
                {
                    var (j, v) = (x.Columns[nz], x.Values[nz]);
                    for (var t = 0; t < k; t++)
                    {
                        local[(j * k) + t] += w[(i * k) + t] * v;
                    }
                }
            }

            partials[p] = local;
        });
        var numerator = partials[0];
        for (var p = 1; p < parts; p++)
        {
            for (var i = 0; i < numerator.Length; i++)
            {
                numerator[i] += partials[p][i];
            }
        }

        var gram = Gram(w, rows, k);
        Parallel.For(0, terms, j =>
        {
            for (var t = 0; t < k; t++)
            {
                var denominator = 0f;
                for (var l = 0; l < k; l++)
                {
                    denominator += gram[(t * k) + l] * ht[(j * k) + l];
                }

                ht[(j * k) + t] *= numerator[(j * k) + t] / (denominator + Epsilon);
            }
        });
    }

    private static void UpdateW(Csr x, float[] w, float[] ht, int rows, int terms, int k)
    {
        var gram = Gram(ht, terms, k);
        Parallel.For(0, rows, i =>
        {
            Span<float> numerator = stackalloc float[k];
            numerator.Clear();
            for (var nz = x.RowStart[i]; nz < x.RowStart[i + 1]; nz++)
            {
                var (j, v) = (x.Columns[nz], x.Values[nz]);
                for (var t = 0; t < k; t++)
                {
                    numerator[t] += v * ht[(j * k) + t];
                }
            }

            Span<float> row = stackalloc float[k];
            w.AsSpan(i * k, k).CopyTo(row);
            for (var t = 0; t < k; t++)
            {
                var denominator = 0f;
                for (var l = 0; l < k; l++)
                {
                    denominator += row[l] * gram[(l * k) + t];
                }

                w[(i * k) + t] = row[t] * numerator[t] / (denominator + Epsilon);
            }
        });
    }

    /// <summary>A^T A for A (n × k, row-major).</summary>
    private static float[] Gram(float[] a, int n, int k)
    {
        var gram = new float[k * k];
        var parts = Environment.ProcessorCount;
        var partials = new float[parts][];
        Parallel.For(0, parts, p =>
        {
            var local = new float[k * k];
            for (var i = p; i < n; i += parts)
            {
                for (var t = 0; t < k; t++)
                {
                    var at = a[(i * k) + t];
                    if (at == 0)
                    {
                        continue;
                    }

                    for (var l = 0; l < k; l++)
                    {
                        local[(t * k) + l] += at * a[(i * k) + l];
                    }
                }
            }

            partials[p] = local;
        });
        foreach (var local in partials)
        {
            for (var i = 0; i < gram.Length; i++)
            {
                gram[i] += local[i];
            }
        }

        return gram;
    }

    /// <summary>Each row's dominant topic (k when the row is all zeros) and its share of the row's weight.</summary>
    internal static (int[] Topic, float[] Share) Dominant(float[] w, int rows, int k)
    {
        var topic = new int[rows];
        var share = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            var (best, sum, at) = (0f, 0f, k);
            for (var t = 0; t < k; t++)
            {
                var value = w[(i * k) + t];
                sum += value;
                if (value > best)
                {
                    (best, at) = (value, t);
                }
            }

            topic[i] = sum <= 1e-6f ? k : at;
            share[i] = sum <= 1e-6f ? 0 : best / sum;
        }

        return (topic, share);
    }

    private static float[] Radius(int[] topic, float[] share, int k, double q)
    {
        var radius = new float[k + 1];
        for (var t = 0; t <= k; t++)
        {
            var shares = topic.Select((x, i) => (x, i)).Where(p => p.x == t).Select(p => share[p.i])
                .OrderByDescending(s => s).ToArray();
            radius[t] = q <= 0 || shares.Length == 0 ? 0
                : shares[Math.Min(shares.Length - 1, (int)Math.Ceiling(q * shares.Length) - 1)];
        }

        return radius;
    }

    private static double Purity(int[] topic, List<CoverageBenchmark.Question> questions, int k) =>
        (double)Enumerable.Range(0, k + 1).Sum(t => topic.Select((x, i) => (x, i)).Where(p => p.x == t)
            .GroupBy(p => questions[p.i].Category).Select(g => g.Count()).DefaultIfEmpty(0).Max()) / topic.Length;

    private static string TopWords(float[] ht, int t, int k, Vocab vocabulary) =>
        string.Join(" ", Enumerable.Range(0, vocabulary.Terms.Count).OrderByDescending(j => ht[(j * k) + t]).Take(4)
            .Select(j => vocabulary.Terms[j]));

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
