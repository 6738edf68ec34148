using System.Text.RegularExpressions;

namespace CiGate.Core.Config.Schema;

/// <summary>
/// Records what the config readers ask for while a config loads: every section read as a mapping,
/// every key a section asks for (asked or not present, a reader asks for all of its keys), the type
/// each key is read as, and the sections whose keys are names (targets:, suites:). The readers are
/// the config model, so this is the schema by construction; <see cref="ConfigSchema"/> writes it.
/// </summary>
public sealed partial class ConfigSchemaRecorder
{
    private static readonly AsyncLocal<ConfigSchemaRecorder?> CurrentRecorder = new();

    internal static ConfigSchemaRecorder? Current => CurrentRecorder.Value;

    internal SortedDictionary<string, SortedDictionary<string, SortedSet<string>>> Sections { get; } = new(StringComparer.Ordinal);

    internal SortedSet<string> NamedSections { get; } = new(StringComparer.Ordinal);

    internal Dictionary<(string Section, string Key), SortedSet<string>> Choices { get; } = [];

    /// <summary>Records while <paramref name="load"/> runs on this async flow.</summary>
    public void Record(Action load)
    {
        var previous = CurrentRecorder.Value;
        CurrentRecorder.Value = this;
        try
        {
            load();
        }
        finally
        {
            CurrentRecorder.Value = previous;
        }
    }

    internal void Section(string section) => Keys(Pattern(section));

    internal void Key(string section, string key, string? type = null)
    {
        var keys = Keys(Pattern(section));
        if (!keys.TryGetValue(key, out var types))
        {
            keys[key] = types = new SortedSet<string>(StringComparer.Ordinal);
        }

        if (type is not null)
        {
            types.Add(type);
        }
    }

    internal void Choice(string section, string key, IEnumerable<string> values)
    {
        var at = (Pattern(section), key);
        if (!Choices.TryGetValue(at, out var set))
        {
            Choices[at] = set = new SortedSet<string>(StringComparer.Ordinal);
        }

        set.UnionWith(values);
    }

    internal void Named(string section) => NamedSections.Add(Pattern(section));

    /// <summary>"suites.my-suite.tests[3].assert[0]" → "suites.*.tests[].assert[]".</summary>
    internal static string Pattern(string section)
    {
        var pattern = Index().Replace(section, "[]");
        return NamedRoot().Replace(pattern, "$1.*");
    }

    private SortedDictionary<string, SortedSet<string>> Keys(string pattern)
    {
        if (!Sections.TryGetValue(pattern, out var keys))
        {
            Sections[pattern] = keys = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        }

        return keys;
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();

    [GeneratedRegex(@"^(targets|suites)\.[^.\[]+")]
    private static partial Regex NamedRoot();
}
