using CiGate.Core.Comparing;
using CiGate.Core.Results;

namespace CiGate.Core.Suites;

/// <summary>
/// One suite on one target as compare sees it: head, its base (null for a suite new in head), their
/// item records and folders, the identity changes that block pairing, and the primary metric.
/// </summary>
internal sealed record SuitePair(
    SuiteResult? Base,
    SuiteResult Head,
    IReadOnlyList<ItemRecord> BaseItems,
    IReadOnlyList<ItemRecord> HeadItems,
    string BaseFolder,
    string HeadFolder,
    List<string> Blocking,
    string Primary,
    CompareOptions Options);
