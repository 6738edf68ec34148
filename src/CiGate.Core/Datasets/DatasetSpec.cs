namespace CiGate.Core.Datasets;

public enum DatasetFormat
{
    Jsonl,
    Csv,
}

public enum SampleMode
{
    /// <summary>The first N items, in file order: the same items on every run.</summary>
    First,

    /// <summary>A seeded random subset of N items, kept in file order.</summary>
    Random,
}

/// <summary>
/// Where the items come from. <see cref="Fields"/> maps template names to dataset fields
/// (rename), <see cref="Filter"/> keeps items whose field equals one of the listed values.
/// </summary>
public sealed record DatasetSpec(
    string Path,
    DatasetFormat Format,
    string? IdField,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Filter,
    int? Limit,
    SampleMode Sample,
    int Seed);
