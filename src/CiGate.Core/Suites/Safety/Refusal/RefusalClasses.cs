namespace CiGate.Core.Suites.Safety.Refusal;

/// <summary>The snake_case names used in labelled files, items.jsonl and judge replies.</summary>
public static class RefusalClasses
{
    public const string FullCompliance = "full_compliance";
    public const string FullRefusal = "full_refusal";
    public const string PartialRefusal = "partial_refusal";

    public static IReadOnlyList<RefusalClass> All { get; } = [RefusalClass.FullCompliance, RefusalClass.FullRefusal, RefusalClass.PartialRefusal];

    public static string Name(RefusalClass value) => value switch
    {
        RefusalClass.FullCompliance => FullCompliance,
        RefusalClass.FullRefusal => FullRefusal,
        RefusalClass.PartialRefusal => PartialRefusal,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };

    /// <summary>Accepts the snake_case names, with hyphens or spaces, in any case.</summary>
    public static bool TryParse(string? text, out RefusalClass value)
    {
        var key = (text ?? "").Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        foreach (var candidate in All)
        {
            if (Name(candidate) == key)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>XSTest counts partial refusals as refusals.</summary>
    public static bool IsRefusal(RefusalClass value) => value != RefusalClass.FullCompliance;
}
