namespace CiGate.Core.Coverage;

/// <summary>
/// The offline embedder: hashed words or character n-grams (lower-cased, whitespace collapsed, padded with a space),
/// weighted by sublinear TF (1 + ln tf) times IDF fitted on the traffic (ln((1 + N) / (1 + df)) + 1), then
/// L2-normalised. N-grams the traffic never holds weigh nothing, so a test case's template words (instructions,
/// option letters) do not pull it away from the traffic it asks the same thing as. Deterministic: FNV-1a,
/// no randomness, no key. An embeddings endpoint of a target is not wired yet.
/// </summary>
public sealed class NgramEmbedder
{
    /// <summary>
    /// Character n-gram length; 0 hashes words (runs of at least 3 letters) instead. 0 is the default: on the tuning
    /// split of MMLU-Pro's categories words gave purer topic clusters than 4- and 5-grams (docs/coverage.md).
    /// </summary>
    public const int DefaultN = 0;

    /// <summary>Hash buckets (2^18).</summary>
    public const int DefaultDimensions = 1 << 18;

    private readonly float[] idf;
    private readonly Dictionary<int, string> terms;

    private NgramEmbedder(int n, int dimensions, float[] idf, Dictionary<int, string> terms)
    {
        N = n;
        Dimensions = dimensions;
        this.idf = idf;
        this.terms = terms;
    }

    public int N { get; }

    public int Dimensions { get; }

    /// <summary>Counts document frequencies over <paramref name="corpus"/> and fixes the IDF weights.</summary>
    public static NgramEmbedder Fit(IReadOnlyList<string> corpus, int n = DefaultN, int dimensions = DefaultDimensions)
    {
        var df = new int[dimensions];
        var seen = new HashSet<int>();
        var terms = new Dictionary<int, string>();
        foreach (var text in corpus)
        {
            seen.Clear();
            if (n == 0)
            {
                // Words: the first word the traffic holds in each bucket names it (cluster terms).
                var normalised = Normalise(text);
                foreach (var (bucket, start, end) in WordSpans(normalised, dimensions))
                {
                    if (seen.Add(bucket))
                    {
                        df[bucket]++;
                        if (!terms.ContainsKey(bucket))
                        {
                            terms[bucket] = new string(normalised, start, end - start);
                        }
                    }
                }

                continue;
            }

            foreach (var bucket in Buckets(text, n, dimensions))
            {
                if (seen.Add(bucket))
                {
                    df[bucket]++;
                }
            }
        }

        var idf = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            idf[i] = df[i] == 0 ? 0f : (float)(Math.Log((1.0 + corpus.Count) / (1.0 + df[i])) + 1.0);
        }

        return new NgramEmbedder(n, dimensions, idf, terms);
    }

    /// <summary>The word a feature stands for (words mode), or null (character n-grams, or a bucket no traffic
    /// holds).</summary>
    public string? Term(int feature) => terms.GetValueOrDefault(feature);

    public SparseVector Embed(string text)
    {
        var counts = new Dictionary<int, int>();
        foreach (var bucket in Buckets(text, N, Dimensions))
        {
            counts[bucket] = counts.GetValueOrDefault(bucket) + 1;
        }

        var indices = new List<int>(counts.Count);
        foreach (var (bucket, _) in counts)
        {
            if (idf[bucket] > 0)
            {
                indices.Add(bucket);
            }
        }

        indices.Sort();
        var values = new float[indices.Count];
        var norm = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((1 + Math.Log(counts[indices[i]])) * idf[indices[i]]);
            norm += values[i] * values[i];
        }

        if (norm > 0)
        {
            var scale = (float)(1 / Math.Sqrt(norm));
            for (var i = 0; i < values.Length; i++)
            {
                values[i] *= scale;
            }
        }

        return new SparseVector([.. indices], values);
    }

    private static IEnumerable<int> Buckets(string text, int n, int dimensions)
    {
        var normalised = Normalise(text);
        if (n == 0)
        {
            foreach (var bucket in WordBuckets(normalised, dimensions))
            {
                yield return bucket;
            }

            yield break;
        }

        for (var i = 0; i + n <= normalised.Length; i++)
        {
            var hash = 2166136261u;
            for (var j = i; j < i + n; j++)
            {
                hash = (hash ^ normalised[j]) * 16777619u;
            }

            yield return (int)(hash % (uint)dimensions);
        }
    }

    /// <summary>n = 0: words (runs of letters, at least 3) instead of character n-grams.</summary>
    private static IEnumerable<int> WordBuckets(char[] normalised, int dimensions) =>
        WordSpans(normalised, dimensions).Select(w => w.Bucket);

    private static IEnumerable<(int Bucket, int Start, int End)> WordSpans(char[] normalised, int dimensions)
    {
        var start = -1;
        for (var i = 0; i <= normalised.Length; i++)
        {
            if (i < normalised.Length && char.IsLetter(normalised[i]))
            {
                start = start < 0 ? i : start;
                continue;
            }

            if (start >= 0 && i - start >= 3)
            {
                var hash = 2166136261u;
                for (var j = start; j < i; j++)
                {
                    hash = (hash ^ normalised[j]) * 16777619u;
                }

                yield return ((int)(hash % (uint)dimensions), start, i);
            }

            start = -1;
        }
    }

    private static char[] Normalise(string text)
    {
        var result = new List<char>(text.Length + 2) { ' ' };
        foreach (var c in text)
        {
            var lower = char.ToLowerInvariant(c);
            if (char.IsWhiteSpace(lower))
            {
                if (result[^1] != ' ')
                {
                    result.Add(' ');
                }
            }
            else
            {
                result.Add(lower);
            }
        }

        if (result[^1] != ' ')
        {
            result.Add(' ');
        }

        return [.. result];
    }
}
