using CiGate.Core.Suites.Tools.Bfcl;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// A tools suite over BFCL (<c>bfcl:</c>, the <c>bfcl</c> preset): the dataset folder as written and
/// resolved, the categories run, and at most <see cref="Limit"/> items per category.
/// </summary>
internal sealed class BfclSpec(string path, string folder, IReadOnlyList<BfclCategory> categories, int? limit)
{
    private readonly Lazy<IReadOnlyList<BfclItem>> items = new(() =>
        [.. categories.SelectMany(c => BfclDataset.Read(folder, c).Take(limit ?? int.MaxValue))]);

    public string Path { get; } = path;

    public string Folder { get; } = folder;

    public IReadOnlyList<BfclCategory> Categories { get; } = categories;

    public int? Limit { get; } = limit;

    /// <summary>The items of the categories in order, read once (when planned, not when the config loads).</summary>
    public IReadOnlyList<BfclItem> Items() => items.Value;
}
