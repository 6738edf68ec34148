using System.Globalization;
using CiGate.Core.Datasets;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Running;

/// <summary>
/// One part of a run split N ways (`--shard I/N`, I from 1 to N). An item belongs to the shard
/// its id hashes to, so the assignment depends on the id and N alone: adding or removing items
/// never moves the others, and every machine and .NET version agrees on it.
/// </summary>
public sealed record ShardSpec
{
    /// <summary>Names the assignment rule in results.json; a new rule gets a new name, and merge refuses to mix them.</summary>
    public const string Assignment = "stable-hash-v1";

    public const int MaxCount = 1000;

    public ShardSpec(int index, int count)
    {
        if (count is < 1 or > MaxCount || index < 1 || index > count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"shard {index}/{count} is not between 1/{count} and {count}/{count}");
        }

        Index = index;
        Count = count;
    }

    /// <summary>1-based: shard 1/4 is the first of four.</summary>
    public int Index { get; }

    public int Count { get; }

    /// <summary>The 1-based shard that <paramref name="itemId"/> belongs to when a run is cut in <paramref name="count"/>.</summary>
    public static int Of(string itemId, int count) => (int)(StableHash.Of(0, itemId) % (ulong)count) + 1;

    public static ShardSpec Parse(string text) =>
        TryParse(text, out var shard, out var error)
            ? shard
            : throw new CiGateException(new Diagnostic(DiagnosticCodes.Usage, error));

    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ShardSpec? shard, out string error)
    {
        shard = null;
        error = "";
        var parts = (text ?? "").Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            error = $"--shard takes I/N, such as 2/4 (the second of four shards), not '{text}'";
            return false;
        }

        if (count is < 1 or > MaxCount)
        {
            error = $"--shard {text}: N must be from 1 to {MaxCount}";
            return false;
        }

        if (index < 1 || index > count)
        {
            error = $"--shard {text}: I counts from 1 to N ({count})";
            return false;
        }

        shard = new ShardSpec(index, count);
        return true;
    }

    public bool Contains(string itemId) => Of(itemId, Count) == Index;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
