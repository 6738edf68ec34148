using CiGate.Core.Suites.Tools.Bfcl;
using CiGate.Core.Targets;

namespace CiGate.Core.Tests.Suites.Tools;

/// <summary>
/// BFCL's files in ../shared/datasets/bfcl (read there, never copied), found by walking up from the
/// test binaries; tests skip when they are absent. Also builds calls from possible answers.
/// </summary>
internal static class BfclData
{
    private static readonly Lazy<string?> Located = new(Locate);

    public static string Folder()
    {
        if (Located.Value is { } folder)
        {
            return folder;
        }

        Assert.Skip($"shared/datasets/bfcl not found above {AppContext.BaseDirectory}");
        return "";
    }

    public static IReadOnlyList<BfclItem> Items(BfclCategory category) => BfclDataset.Read(Folder(), category);

    /// <summary>
    /// The call an expected call of <paramref name="item"/> describes: each parameter of the function
    /// at its first accepted value. An optional parameter (first accepted value "", not required) is
    /// left out, or given its first other value with <paramref name="fillOptional"/>; a parameter the
    /// function does not declare is left out. A dict's accepted value (a dict of accepted lists) is
    /// instantiated the same way.
    /// </summary>
    public static ToolCall CallOf(BfclItem item, BfclExpectedCall expected, bool fillOptional = false)
    {
        var function = item.Functions.First(f => f.Name == expected.Function);
        var arguments = new List<KeyValuePair<string, PyValue>>();
        foreach (var (name, allowed) in expected.Parameters.Entries)
        {
            if (!function.Parameters.TryGetValue(name, out var parameter)
                || First(allowed, fillOptional || function.Required.Contains(name)) is not { } value)
            {
                continue;
            }

            arguments.Add(KeyValuePair.Create(name, (parameter.Type, value.Type) switch
            {
                ("dict", PyType.Dict) => Instantiate(value, fillOptional),
                ("array", PyType.List) when parameter.ItemsType == "dict" =>
                    PyValue.List([.. value.Items.Select(v => Instantiate(v, fillOptional))]),
                _ => value,
            }));
        }

        return Call(BfclChecker.CalledName(expected.Function, underscoreNames: true), arguments);
    }

    public static IReadOnlyList<ToolCall> CallsOf(BfclItem item, bool fillOptional = false) =>
        [.. item.Answers.Select(a => CallOf(item, a, fillOptional))];

    public static ToolCall Call(string name, IEnumerable<KeyValuePair<string, PyValue>> arguments) =>
        new(null, name, PyValue.Dict(arguments).ToJson());

    public static ToolCall Call(string name, string argumentsJson) => new(null, name, argumentsJson);

    private static PyValue? First(PyValue allowed, bool fill)
    {
        var first = allowed.Items.FirstOrDefault();
        return first is null || (first.IsEmptyString && !fill)
            ? null
            : allowed.Items.FirstOrDefault(a => !a.IsEmptyString);
    }

    private static PyValue Instantiate(PyValue accepted, bool fill) =>
        accepted.Type != PyType.Dict
            ? accepted
            : PyValue.Dict(accepted.Entries
                .Select(e => KeyValuePair.Create(e.Key, e.Value.Type == PyType.List ? First(e.Value, fill) : e.Value))
                .Where(e => e.Value is not null)
                .Select(e => KeyValuePair.Create(e.Key, e.Value!)));

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var datasets = Path.Combine(dir.FullName, "shared", "datasets");
            if (Directory.Exists(datasets))
            {
                var bfcl = Path.Combine(datasets, "bfcl");
                return File.Exists(BfclDataset.QuestionFile(bfcl, BfclCategory.SimplePython)) ? bfcl : null;
            }
        }

        return null;
    }
}
