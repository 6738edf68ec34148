namespace CiGate.Core.Datasets.Public;

/// <summary>
/// The datasets the presets read, each pinned to one commit of its publisher's repository, with
/// the SHA-256 of every file as published there. CiGate ships none of them: `cigate datasets
/// fetch` downloads them and refuses a file whose hash differs.
/// </summary>
public static class PublicDatasets
{
    private const string Gorilla =
        "https://raw.githubusercontent.com/ShishirPatil/gorilla/6ea5797/berkeley-function-call-leaderboard/bfcl_eval/data/";

    public static IReadOnlyList<PublicDataset> All { get; } =
    [
        new(
            "xstest",
            "xstest",
            "XSTest: 250 safe prompts a model should answer and 200 unsafe contrasts it should refuse",
            "https://github.com/paul-rottger/exaggerated-safety (commit d7bb5bd)",
            "CC-BY-4.0",
            "xstest/xstest_prompts.csv",
            [
                new("xstest_prompts.csv",
                    new Uri("https://raw.githubusercontent.com/paul-rottger/exaggerated-safety/d7bb5bd/xstest_prompts.csv"),
                    "11783fb294ed017473ee53c207d71f2161c7672c8d0b037501e78387f801cb5a"),
            ]),
        new(
            "gsm8k",
            "gsm8k",
            "GSM8K: 1,319 grade-school maths problems with worked solutions (test split)",
            "https://github.com/openai/grade-school-math (commit 3101c7d)",
            "MIT",
            "gsm8k/test.jsonl",
            [
                new("test.jsonl",
                    new Uri("https://raw.githubusercontent.com/openai/grade-school-math/3101c7d/grade_school_math/data/test.jsonl"),
                    "3730d312f6e3440559ace48831e51066acaca737f6eabec99bccb9e4b3c39d14"),
            ]),
        new(
            "bfcl",
            "bfcl",
            "BFCL v4: five single-turn function-calling categories (1,240 questions) and their accepted calls",
            "https://github.com/ShishirPatil/gorilla (commit 6ea5797, berkeley-function-call-leaderboard/bfcl_eval/data)",
            "Apache-2.0",
            "bfcl",
            [
                Bfcl("BFCL_v4_simple_python.json", "82dd63ba502eb2520c6b5d1d9a5c4b590e03ff261565175561f6228a367d1991"),
                Bfcl("BFCL_v4_multiple.json", "aef168155ebd74b7ac2401198b201343bc7d16d7a3d7e0d4e6d8ee82c6969b2a"),
                Bfcl("BFCL_v4_parallel.json", "19f51a82eff42e5d62541aa500115a056eb78f437c2ba1f10415fd7c8e5dda84"),
                Bfcl("BFCL_v4_parallel_multiple.json", "8863ea8433239f55c5f016154cf0830853c89f693c6ea270396a2fa121960579"),
                Bfcl("BFCL_v4_irrelevance.json", "2b6ed4c2e992cdcf5f1678a701851f944bef7550ee026ed1ddb89efed5be01a6"),
                Bfcl("possible_answer/BFCL_v4_simple_python.json", "90cd5bc653690ee8e459b5b3f3fc9458606f7f3fcbf795bb51b7dc581f8c86dc"),
                Bfcl("possible_answer/BFCL_v4_multiple.json", "244e00ce9395df948bcafc7bee64e8f9c87ef70887587d83cae45b13699f3047"),
                Bfcl("possible_answer/BFCL_v4_parallel.json", "8a6aa19c1adddc6a5a2f7e40f9dbf30cc7e95815e7b830c90589ab318229e0f0"),
                Bfcl("possible_answer/BFCL_v4_parallel_multiple.json", "5ebf24f458c1f16300c05505d83d6f0a1b68b79be273a033febd0d4f840507e3"),
            ]),
        new(
            "mmlu-pro",
            "mmlu-pro",
            "MMLU-Pro: 12,032 ten-option questions in 14 subjects (test split)",
            "https://huggingface.co/datasets/TIGER-Lab/MMLU-Pro",
            "Apache-2.0",
            "mmlu-pro/test.jsonl",
            [],
            "published as Parquet; write the test split as JSON Lines (one object per row, the columns as " +
            "they are), e.g. `python -c \"import datasets; datasets.load_dataset('TIGER-Lab/MMLU-Pro', " +
            "split='test').to_json('test.jsonl')\"`"),
    ];

    public static PublicDataset? Find(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// For a dataset path that is not there: how to get it, when the path is where a public
    /// dataset's files go ("datasets/xstest/xstest_prompts.csv", or the same under any folder);
    /// "" otherwise. Appended to the not-found diagnostic.
    /// </summary>
    public static string FetchHint(string path)
    {
        var normal = path.Replace('\\', '/').TrimEnd('/');
        var dataset = All.FirstOrDefault(
            d => normal == d.PresetPath || normal.EndsWith("/" + d.PresetPath, StringComparison.Ordinal));
        if (dataset is null)
        {
            return "";
        }

        var folder = normal.Length == dataset.PresetPath.Length ? "." : normal[..^(dataset.PresetPath.Length + 1)];
        var dir = folder == "datasets" ? "" : $" --dir {folder}";
        return dataset.Files.Count > 0
            ? $"; `cigate datasets fetch {dataset.Name}{dir}` downloads it ({dataset.Licence})"
            : $"; `cigate datasets list` says how to get {dataset.Name}";
    }

    private static PublicDatasetFile Bfcl(string path, string sha256) => new(path, new Uri(Gorilla + path), sha256);
}
