using CiGate.Core.Config;
using CiGate.Core.Gating;

namespace CiGate.Core.Comparing;

/// <summary>
/// How a suite's definition differs between base and head: <see cref="What"/> is the summary
/// ("the suite definition changed", "the dataset changed"), <see cref="Keys"/> one line per
/// changed key of the resolved definition. <see cref="KeysKnown"/> is false when the base run
/// recorded no definition (an older cigate), so only the hash says it changed.
/// <see cref="Policy"/> is the one the gate applies (`--accept-changes` makes it Accept).
/// </summary>
public sealed record DefinitionChange(
    IReadOnlyList<string> What,
    IReadOnlyList<DefinitionKeyChange> Keys,
    bool KeysKnown,
    DefinitionChangePolicy Policy)
{
    /// <summary>The head config file that declares the suite, and the line of its name (null when not found).</summary>
    public string? File { get; init; }

    public int? Line { get; init; }

    public const string UnknownKeys = "definition changed (keys unknown: base recorded by an older cigate)";

    /// <summary>"generation.max_tokens: 512 → 1024; prompt.template: 3 lines changed", for a reason line.</summary>
    public string Summary => string.Join("; ", (KeysKnown ? [] : new[] { UnknownKeys }).Concat(Keys.Select(k => k.Text)));
}

/// <summary>
/// One changed key, e.g. <c>generation.max_tokens</c> with the text <c>generation.max_tokens: 512 → 1024</c>.
/// <see cref="File"/> and <see cref="Line"/> place it in the head config (null when it could not be found).
/// </summary>
public sealed record DefinitionKeyChange(string Key, string Text, string? File = null, int? Line = null);
