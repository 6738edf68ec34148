using System.Text.Json;

namespace CiGate.Core.Suites.Tools.Bfcl;

/// <summary>
/// Reads BFCL's question files (<c>BFCL_v4_&lt;category&gt;.json</c>, JSON lines) and their possible
/// answers (<c>possible_answer/</c>, joined on id) from a dataset folder.
/// </summary>
internal static class BfclDataset
{
    public static string QuestionFile(string folder, BfclCategory category) =>
        Path.Combine(folder, $"BFCL_v4_{category.Name()}.json");

    public static string AnswerFile(string folder, BfclCategory category) =>
        Path.Combine(folder, "possible_answer", $"BFCL_v4_{category.Name()}.json");

    public static IReadOnlyList<BfclItem> Read(string folder, BfclCategory category)
    {
        var answers = new Dictionary<string, IReadOnlyList<BfclExpectedCall>>(StringComparer.Ordinal);
        var answerFile = AnswerFile(folder, category);
        if (category != BfclCategory.Irrelevance)
        {
            foreach (var line in NonEmptyLines(answerFile))
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                answers[root.GetProperty("id").GetString() ?? ""] = ReadAnswer(root.GetProperty("ground_truth"));
            }
        }

        var items = new List<BfclItem>();
        foreach (var line in NonEmptyLines(QuestionFile(folder, category)))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var id = root.GetProperty("id").GetString() ?? "";
            var messages = root.GetProperty("question").EnumerateArray()
                .SelectMany(turn => turn.EnumerateArray())
                .Select(m => KeyValuePair.Create(
                    m.GetProperty("role").GetString() ?? "user",
                    m.GetProperty("content").GetString() ?? ""))
                .ToList();
            var functions = root.GetProperty("function").EnumerateArray().Select(BfclFunction.From).ToList();
            items.Add(new BfclItem(id, category, messages, functions, answers.GetValueOrDefault(id) ?? []));
        }

        return items;
    }

    /// <summary>A <c>ground_truth</c> list: one { function: { parameter: [accepted...] } } per expected call.</summary>
    public static IReadOnlyList<BfclExpectedCall> ReadAnswer(JsonElement groundTruth) =>
        [.. groundTruth.EnumerateArray()
            .SelectMany(call => call.EnumerateObject())
            .Select(f => new BfclExpectedCall(f.Name, PyValue.From(f.Value)))];

    private static IEnumerable<string> NonEmptyLines(string path) =>
        File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l));
}
