using CiGate.Core.Results;

namespace CiGate.Core.Comparing.Pairwise;

/// <summary>
/// The items to judge from one suite's base and head records: joined on the item id (not the
/// prompt hash: a changed prompt is exactly what pairwise judging is for), the first completed
/// repeat of each side, in ordinal item order. Items that errored or have no output on either side
/// are left out. The judge's input is the record's question excerpt; items.jsonl does not keep the
/// whole rendered prompt.
/// </summary>
public static class PairwiseItems
{
    public static IReadOnlyList<PairwiseItem> Pair(
        IEnumerable<ItemRecord> baseRecords, IEnumerable<ItemRecord> headRecords)
    {
        var baseFirst = FirstOutputs(baseRecords);
        var headFirst = FirstOutputs(headRecords);
        return
        [
            .. baseFirst.Keys.Where(headFirst.ContainsKey).Order(StringComparer.Ordinal).Select(id =>
                new PairwiseItem(
                    id,
                    headFirst[id].Question ?? baseFirst[id].Question ?? "",
                    baseFirst[id].Output!,
                    headFirst[id].Output!)),
        ];
    }

    private static Dictionary<string, ItemRecord> FirstOutputs(IEnumerable<ItemRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var first = new Dictionary<string, ItemRecord>(StringComparer.Ordinal);
        foreach (var record in records.Where(r => r.Error is null && r.Output is not null))
        {
            if (!first.TryGetValue(record.Item, out var known) || record.Repeat < known.Repeat)
            {
                first[record.Item] = record;
            }
        }

        return first;
    }
}
