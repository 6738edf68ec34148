using System.Text.Json;

namespace CiGate.Simulator.Tools;

/// <summary>
/// The BFCL questions of a dataset folder (<c>BFCL_v4_&lt;category&gt;.json</c> and
/// <c>possible_answer/</c>), found by the request's last user message and the names of the tools
/// it offers (dots as '_', as OpenAI-style APIs need them).
/// </summary>
internal sealed class BfclKey
{
    private static readonly string[] Categories =
        ["simple_python", "multiple", "parallel", "parallel_multiple", "irrelevance"];

    private readonly Dictionary<string, BfclKeyItem> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<BfclKeyItem>> _byPrompt = new(StringComparer.Ordinal);

    public int Count => _items.Count;

    public static BfclKey Load(IEnumerable<string> folders)
    {
        var key = new BfclKey();
        foreach (var folder in folders)
        {
            foreach (var category in Categories)
            {
                var questions = Path.Combine(folder, $"BFCL_v4_{category}.json");
                if (File.Exists(questions))
                {
                    key.Add(questions, Path.Combine(folder, "possible_answer", $"BFCL_v4_{category}.json"));
                }
            }
        }

        return key;
    }

    /// <summary>The item asked, or null when the prompt and offered tools are no BFCL question's.</summary>
    public BfclKeyItem? Find(string prompt, IReadOnlyList<string> toolNames) =>
        toolNames.Count == 0 ? null : _items.GetValueOrDefault(Key(prompt, toolNames));

    /// <summary>
    /// Prompt mode (no tools offered through the API): the item asked whose functions are all named
    /// in the system message (<c>"name"</c> as JSON writes it), the one with the most when several fit.
    /// </summary>
    public BfclKeyItem? FindPrompted(string prompt, string instructions) =>
        instructions.Length == 0 || !_byPrompt.TryGetValue(prompt.Trim(), out var items)
            ? null
            : items.Where(i => i.FunctionNames.All(n => instructions.Contains($"\"{n}\"", StringComparison.Ordinal)))
                .MaxBy(i => i.FunctionNames.Count);

    /// <summary>The name a function is offered under (OpenAI refuses dots in tool names).</summary>
    public static string ToolName(string function) => function.Replace('.', '_');

    private static string Key(string prompt, IEnumerable<string> toolNames) =>
        prompt.Trim() + "\u0001" + string.Join("\u0001", toolNames.Select(ToolName).Order(StringComparer.Ordinal));

    private void Add(string questions, string answers)
    {
        var truths = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (File.Exists(answers))
        {
            foreach (var line in File.ReadLines(answers).Where(l => l.Length > 0))
            {
                using var doc = JsonDocument.Parse(line);
                var id = doc.RootElement.GetProperty("id").GetString()!;
                truths[id] = doc.RootElement.GetProperty("ground_truth").Clone();
            }
        }

        using var empty = JsonDocument.Parse("[]");
        foreach (var line in File.ReadLines(questions).Where(l => l.Length > 0))
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                var id = root.GetProperty("id").GetString()!;
                var prompt = root.GetProperty("question").EnumerateArray().SelectMany(t => t.EnumerateArray())
                    .Where(m => m.GetProperty("role").ValueEquals("user"u8))
                    .Select(m => m.GetProperty("content").GetString() ?? "")
                    .LastOrDefault() ?? "";
                var functions = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
                var names = new List<string>();
                foreach (var function in root.GetProperty("function").EnumerateArray())
                {
                    var name = function.GetProperty("name").GetString()!;
                    names.Add(name);
                    functions[name] = ParameterTypes(function);
                }

                var truth = truths.TryGetValue(id, out var t) ? t : empty.RootElement.Clone();
                var item = new BfclKeyItem(id, functions, names, truth);
                _items[Key(prompt, names)] = item;
                if (!_byPrompt.TryGetValue(prompt.Trim(), out var same))
                {
                    _byPrompt[prompt.Trim()] = same = [];
                }

                same.Add(item);
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"{questions}: a line is not a BFCL question ({ex.Message})", ex);
            }
        }
    }

    private static Dictionary<string, string> ParameterTypes(JsonElement function)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        if (function.TryGetProperty("parameters", out var p) && p.TryGetProperty("properties", out var properties)
            && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                var type = property.Value.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
                var items = property.Value.TryGetProperty("items", out var i) && i.ValueKind == JsonValueKind.Object
                    && i.TryGetProperty("type", out var it) ? it.GetString() : null;
                types[property.Name] = items is null ? type : $"{type}<{items}>";
            }
        }

        return types;
    }
}
