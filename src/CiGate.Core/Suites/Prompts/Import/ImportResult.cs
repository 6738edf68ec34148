namespace CiGate.Core.Suites.Prompts.Import;

/// <summary>The converted config text, and everything the conversion could not carry over.</summary>
public sealed record ImportResult(string Yaml, IReadOnlyList<ImportWarning> Warnings)
{
    /// <summary>
    /// More files to write beside the config, by path relative to its folder: the shims a converted
    /// script provider runs (cigate-shims/promptfoo_provider.py, .mjs).
    /// </summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();
}
