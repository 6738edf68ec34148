using System.Text;
using System.Text.Json;
using CiGate.Core.Diagnostics;
using Microsoft.ML.Tokenizers;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// Builds the prompts of a load point before it starts, so the hot path only sends bytes.
/// Synthetic prompts are common English words, each one token in the tiktoken encodings (and one
/// word for the simulator), checked and trimmed with the real tokenizer so counts are exact.
/// </summary>
internal sealed class PromptFactory
{
    private static readonly string[] Words =
    [
        "the", "of", "and", "to", "in", "is", "that", "for", "it", "as", "was", "with", "be", "by", "on", "not",
        "he", "this", "are", "or", "his", "from", "at", "which", "but", "have", "an", "they", "you", "were", "her",
        "she", "there", "been", "one", "all", "we", "their", "has", "would", "when", "if", "so", "no", "more",
        "time", "people", "year", "way", "day", "man", "thing", "woman", "life", "child", "world", "school", "state",
    ];

    private static readonly Lazy<Tokenizer> Cl100k = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));
    private static readonly Lazy<Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    private readonly WorkloadSpec workload;
    private readonly Tokenizer? tokenizer;
    private readonly IReadOnlyList<string>? dataset;
    private readonly string prefix;

    public PromptFactory(WorkloadSpec workload)
    {
        this.workload = workload;
        tokenizer = workload.Tokenizer switch
        {
            "cl100k_base" => Cl100k.Value,
            "o200k_base" => O200k.Value,
            _ => null,
        };
        dataset = workload.DatasetPath is { } path ? ReadDataset(path, workload.DatasetField) : null;
        prefix = workload.PrefixTokens > 0 ? Synthetic(new Random(workload.Seed), workload.PrefixTokens) : "";
    }

    /// <summary>The <paramref name="index"/>-th request of a load point: the same index gets the same prompt in every run.</summary>
    public PerfPrompt Create(int index)
    {
        var (random, tokens, output) = Draw(index);
        if (dataset is not null)
        {
            var text = dataset[index % dataset.Count];
            return new PerfPrompt(text, Count(text), output);
        }

        var prompt = Compose(random, Math.Max(1, tokens - workload.PrefixTokens));
        return new PerfPrompt(prompt, Count(prompt), output);
    }

    internal bool FromDataset => dataset is not null;

    internal int PrefixTokens => workload.PrefixTokens;

    /// <summary>The prompt and output lengths request <paramref name="index"/> asks for (tokenizer: server fits the prompt to the first).</summary>
    internal (int PromptTokens, int OutputTokens) Lengths(int index)
    {
        var (_, tokens, output) = Draw(index);
        return (tokens, output);
    }

    /// <summary>Request <paramref name="index"/>'s synthetic prompt with <paramref name="bodyWords"/> words after the shared prefix; its words do not depend on the count.</summary>
    internal string Synthetic(int index, int bodyWords) => Compose(Draw(index).Random, Math.Max(1, bodyWords));

    private (Random Random, int PromptTokens, int OutputTokens) Draw(int index)
    {
        var random = new Random(StableSeed(workload.Seed, index));
        var output = workload.OutputTokens.Sample(random);
        return dataset is not null ? (random, 0, output) : (random, workload.PromptTokens.Sample(random), output);
    }

    /// <summary>
    /// Request <paramref name="index"/>'s generator seed: SplitMix64's finaliser over (seed, index), the same in
    /// every process and runtime. Never HashCode.Combine, which .NET randomises per process, so two runs of one
    /// config sent different prompts. A seeded <see cref="Random"/> is itself stable across processes.
    /// </summary>
    internal static int StableSeed(int seed, int index)
    {
        var x = ((ulong)(uint)seed << 32) | (uint)index;
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (int)(x & 0x7FFFFFFF);
    }

    private string Compose(Random random, int bodyWords)
    {
        var body = Synthetic(random, bodyWords);
        return prefix.Length == 0 ? body : prefix + " " + body;
    }

    public int Count(string text) => tokenizer?.CountTokens(text) ?? text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private string Synthetic(Random random, int tokens)
    {
        var builder = new StringBuilder(tokens * 5);
        for (var i = 0; i < tokens; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            builder.Append(Words[random.Next(Words.Length)]);
        }

        var text = builder.ToString();
        if (tokenizer is null || tokenizer.CountTokens(text) == tokens)
        {
            return text;
        }

        // Merges are rare with these words, but when they happen the exact count comes from the ids.
        var ids = tokenizer.EncodeToIds(text);
        return ids.Count > tokens ? tokenizer.Decode(ids.Take(tokens)) : text;
    }

    private static List<string> ReadDataset(string path, string field)
    {
        var prompts = new List<string>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    prompts.Add(value.GetString()!);
                    continue;
                }
            }
            catch (JsonException)
            {
            }

            throw new CiGateException(new Diagnostic(DiagnosticCodes.DatasetMalformed, $"line {line} is not a JSON object with a string field '{field}'", path, line, 1));
        }

        return prompts.Count > 0 ? prompts : throw new CiGateException(new Diagnostic(DiagnosticCodes.DatasetEmpty, "the perf prompts file holds no prompts", path));
    }
}
