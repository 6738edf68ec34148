using System.Diagnostics;
using System.Globalization;
using CiGate.Core.Coverage;

namespace CiGate.Bench;

/// <summary>
/// `coverage --explore [--dims 0,100,200] [--n N] [--split S] [--purity] [--sample 4000]`: record-level coverage
/// on MMLU-Pro per category split, in the TF-IDF space (d = 0) or an LSA space of d dimensions fitted on the
/// traffic (<see cref="LatentSpace"/>). A record is covered when its nearest test case is at least τ similar; τ is
/// a quantile of the cases' leave-one-out nearest-case similarities (the cases calibrate it, never the
/// categories). Prints the AUC of the nearest-case similarity (present vs missing categories), coverage / error /
/// recall per quantile, and for d &gt; 0 the density ratio against a traffic sample. --purity prints the category
/// purity of the 10 nearest traffic neighbours instead (what any neighbourhood method can tell apart).
/// </summary>
internal static class CoverageExplore
{
    public static int Run(List<CoverageBenchmark.Question> questions, string[] args, int perCategory)
    {
        var dims = (Option(args, "--dims") ?? "0,100,200,300").Split(',').Select(int.Parse).ToArray();
        var splits = (Option(args, "--split") ?? "0,1,2,3").Split(',').Select(int.Parse).ToArray();
        var n = int.Parse(Option(args, "--n") ?? "0", CultureInfo.InvariantCulture);
        var texts = questions.Select(q => q.Text).ToArray();
        var watch = Stopwatch.StartNew();
        var embedder = NgramEmbedder.Fit(texts, n);
        var sparse = texts.Select(embedder.Embed).ToArray();
        Console.WriteLine($"embedded in {watch.Elapsed.TotalSeconds:0.0} s");
        foreach (var d in dims)
        {
            watch.Restart();
            var space = d == 0 ? null : LatentSpace.Fit(sparse, d, 20260);
            var points = d == 0 ? null : sparse.Select(space!.Project).ToArray();
            Console.WriteLine($"d={d}: fitted in {watch.Elapsed.TotalSeconds:0.0} s");
            if (args.Contains("--purity"))
            {
                Purity(sparse, points, questions, d);
                continue;
            }

            foreach (var split in splits)
            {
                var missing = CoverageBenchmark.MissingCategories(questions, split);
                var cases = CoverageBenchmark.CasesFor(questions, missing, perCategory);
                var caseSparse = cases.Select(embedder.Embed).ToArray();
                float[][]? caseLatent = d == 0 ? null : caseSparse.Select(space!.Project).ToArray();
                float Sim(int i, int c) =>
                    d == 0 ? SparseDot(sparse[i], caseSparse[c]) : Dot(points![i], caseLatent![c]);
                float CaseSim(int a, int b) =>
                    d == 0 ? SparseDot(caseSparse[a], caseSparse[b]) : Dot(caseLatent![a], caseLatent[b]);
                var nearest = new float[texts.Length];
                Parallel.For(0, texts.Length, i =>
                {
                    var best = float.MinValue;
                    for (var c = 0; c < cases.Count; c++)
                    {
                        best = Math.Max(best, Sim(i, c));
                    }

                    nearest[i] = best;
                });
                var loo = Enumerable.Range(0, cases.Count).Select(a => Enumerable.Range(0, cases.Count)
                    .Where(b => b != a).Max(b => CaseSim(a, b))).Order().ToArray();
                var isMissing = questions.Select(q => missing.Contains(q.Category)).ToArray();
                var auc = Auc(nearest, isMissing);
                var trueShare = 1 - ((double)isMissing.Count(m => m) / texts.Length);
                var line = $"d={d} split {split}: AUC {auc:0.000} true {trueShare:0.000};";
                foreach (var alpha in new[] { 0.05, 0.1, 0.2, 0.3, 0.5 })
                {
                    var tau = loo[(int)Math.Floor(alpha * (loo.Length - 1))];
                    var covered = nearest.Count(s => s >= tau);
                    var recall = (double)Enumerable.Range(0, texts.Length).Count(i => isMissing[i] && nearest[i] < tau)
                        / isMissing.Count(m => m);
                    var coverage = (double)covered / texts.Length;
                    line += string.Create(CultureInfo.InvariantCulture,
                        $" a={alpha} τ={tau:0.00} cov {coverage:0.000}"
                        + $" err {Math.Abs(coverage - trueShare) * 100:0.0} rec {recall:0.000};");
                }

                Console.WriteLine(line);
                if (d > 0)
                {
                    Ratio(points!, caseLatent!, isMissing, trueShare, split, d, args);
                }
            }
        }

        return 0;
    }

    internal static float Dot(float[] a, float[] b)
    {
        var va = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(a);
        var vb = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(b);
        var acc = System.Numerics.Vector<float>.Zero;
        for (var i = 0; i < va.Length; i++)
        {
            acc += va[i] * vb[i];
        }

        var sum = System.Numerics.Vector.Sum(acc);
        for (var i = va.Length * System.Numerics.Vector<float>.Count; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>
    /// Density ratio: a record's κ-th most similar case against the (κ·m)-th most similar of a traffic sample of m
    /// times as many records as cases (what a random sample of traffic the size of the suite would give). Score =
    /// the difference; covered when at least τ, τ = 0 or a quantile of the cases' own leave-one-out scores.
    /// </summary>
    private static void Ratio(float[][] points, float[][] cases, bool[] isMissing, double trueShare, int split,
        int d, string[] args)
    {
        var sampleSize = int.Parse(Option(args, "--sample") ?? "4000", CultureInfo.InvariantCulture);
        var random = new Random(20260);
        var sample = Enumerable.Range(0, points.Length).OrderBy(_ => random.Next()).Take(sampleSize).ToArray();
        var m = (double)sample.Length / cases.Length;
        foreach (var kappa in new[] { 1, 3, 5 })
        {
            var rank = Math.Max(1, (int)Math.Round(kappa * m));
            float Score(float[] x, float[][] caseSet, int self, int selfCase)
            {
                var caseSims = new List<float>(caseSet.Length);
                for (var c = 0; c < caseSet.Length; c++)
                {
                    if (c != selfCase)
                    {
                        caseSims.Add(Dot(x, caseSet[c]));
                    }
                }

                caseSims.Sort((a, b) => b.CompareTo(a));
                var refSims = new float[sample.Length];
                var count = 0;
                foreach (var r in sample)
                {
                    if (r != self)
                    {
                        refSims[count++] = Dot(x, points[r]);
                    }
                }

                Array.Sort(refSims, 0, count);
                var kth = caseSims[Math.Min(kappa, caseSims.Count) - 1];
                var refKth = refSims[count - Math.Min(rank, count)];
                return kth - refKth;
            }

            var score = new float[points.Length];
            Parallel.For(0, points.Length, i => score[i] = Score(points[i], cases, i, -1));
            var loo = Enumerable.Range(0, cases.Length).Select(c => Score(cases[c], cases, -1, c)).Order().ToArray();
            var auc = Auc(score, isMissing);
            var line = $"  ratio d={d} split {split} κ={kappa} rank {rank}: AUC {auc:0.000};";
            foreach (var (label, tau) in new[] { ("0", 0f), ("-0.02", -0.02f), ("-0.05", -0.05f) }
                .Concat(new[] { 0.05, 0.1, 0.2, 0.3 }
                    .Select(a => ($"a{a}", loo[(int)Math.Floor(a * (loo.Length - 1))]))))
            {
                var coverage = (double)score.Count(s => s >= tau) / points.Length;
                var recall = (double)Enumerable.Range(0, points.Length).Count(i => isMissing[i] && score[i] < tau)
                    / isMissing.Count(x => x);
                line += string.Create(CultureInfo.InvariantCulture,
                    $" {label} τ={tau:0.000} cov {coverage:0.000}"
                    + $" err {Math.Abs(coverage - trueShare) * 100:0.0} rec {recall:0.000};");
            }

            Console.WriteLine(line);
        }
    }

    internal static float SparseDot(SparseVector a, SparseVector b)
    {
        var sum = 0f;
        int i = 0, j = 0;
        while (i < a.Indices.Length && j < b.Indices.Length)
        {
            if (a.Indices[i] == b.Indices[j])
            {
                sum += a.Values[i++] * b.Values[j++];
            }
            else if (a.Indices[i] < b.Indices[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return sum;
    }

    /// <summary>Category purity of the 10 nearest traffic neighbours of 1,000 sampled records: an upper bound on what
    /// any coverage method over these features can tell apart.</summary>
    private static void Purity(SparseVector[] sparse, float[][]? points, List<CoverageBenchmark.Question> questions,
        int d)
    {
        var random = new Random(5);
        var sample = Enumerable.Range(0, sparse.Length).OrderBy(_ => random.Next()).Take(1000).ToArray();
        var same = new double[sample.Length];
        Parallel.For(0, sample.Length, s =>
        {
            var i = sample[s];
            var sims = new (float Sim, int J)[sparse.Length];
            for (var j = 0; j < sparse.Length; j++)
            {
                sims[j] = (j == i ? float.MinValue : points is null ? SparseDot(sparse[i], sparse[j])
                    : Dot(points[i], points[j]), j);
            }

            Array.Sort(sims, (a, b) => b.Sim.CompareTo(a.Sim));
            same[s] = sims.Take(10).Count(x => questions[x.J].Category == questions[i].Category) / 10.0;
        });
        Console.WriteLine($"d={d}: 10-NN category purity {same.Average():0.000}, "
            + $"majority-correct {same.Count(x => x > 0.5) / (double)same.Length:0.000}");
        foreach (var g in sample.Select((i, s) => (questions[i].Category, same[s])).GroupBy(x => x.Category)
            .OrderBy(g => g.Key))
        {
            Console.WriteLine($"   {g.Key}: {g.Average(x => x.Item2):0.00} ({g.Count()})");
        }
    }

    /// <summary>Probability that a present record's score exceeds a missing record's (ties half).</summary>
    private static double Auc(float[] score, bool[] negative)
    {
        var order = Enumerable.Range(0, score.Length).OrderBy(i => score[i]).ToArray();
        double rankSum = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && score[order[j + 1]] == score[order[i]])
            {
                j++;
            }

            var rank = ((i + j) / 2.0) + 1;
            for (var t = i; t <= j; t++)
            {
                if (!negative[order[t]])
                {
                    rankSum += rank;
                }
            }

            i = j + 1;
        }

        var pos = negative.Count(x => !x);
        var neg = negative.Length - pos;
        return (rankSum - (pos * (pos + 1) / 2.0)) / ((double)pos * neg);
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
