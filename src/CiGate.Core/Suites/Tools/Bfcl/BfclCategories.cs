namespace CiGate.Core.Suites.Tools.Bfcl;

/// <summary>The category names as BFCL writes them (file names, item ids, the preset's groups).</summary>
internal static class BfclCategories
{
    public static IReadOnlyList<BfclCategory> All { get; } =
    [
        BfclCategory.SimplePython,
        BfclCategory.Multiple,
        BfclCategory.Parallel,
        BfclCategory.ParallelMultiple,
        BfclCategory.Irrelevance,
    ];

    public static string Name(this BfclCategory category) => category switch
    {
        BfclCategory.SimplePython => "simple_python",
        BfclCategory.Multiple => "multiple",
        BfclCategory.Parallel => "parallel",
        BfclCategory.ParallelMultiple => "parallel_multiple",
        _ => "irrelevance",
    };

    public static BfclCategory? Parse(string name) =>
        All.Select(c => (BfclCategory?)c).FirstOrDefault(c => c!.Value.Name() == name);
}
