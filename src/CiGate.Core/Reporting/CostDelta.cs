using System.Globalization;
using CiGate.Core.Comparing;
using CiGate.Core.Costs;

namespace CiGate.Core.Reporting;

/// <summary>
/// The cost row every output writes for a suite, head against base: the suite's tokens (graders
/// included), its cost where priced, and the mean output length in characters, each with its
/// change. Runs recorded before these were kept show nothing new.
/// </summary>
public static class CostDelta
{
    /// <summary>
    /// "tokens 1,234 → 1,500 (+22%), cost (USD) 0.0120 → 0.0150 (+25%), output chars 180 → 240 (+33%)";
    /// null when neither side has them.
    /// </summary>
    public static string? Line(UsageChange u)
    {
        var parts = new List<string>();
        if (u.BaseTokens is { } bt && u.HeadTokens is { } ht)
        {
            parts.Add(Change("tokens", bt, ht, "N0"));
        }

        if (u.BaseCost is { } bc && u.HeadCost is { } hc)
        {
            var what = u.Currency is null ? "cost" : $"cost ({u.Currency})";
            parts.Add(Change(what, bc, hc, bc >= 1 || hc >= 1 ? "0.00" : "0.0000"));
        }
        else if (u.HeadCost is { } only)
        {
            parts.Add($"cost {Money.Format(only, u.Currency)} (base not priced)");
        }

        if (u.BaseOutputChars is { } bo && u.HeadOutputChars is { } ho)
        {
            parts.Add(Change("output chars", bo, ho, "0"));
        }

        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    /// <summary>"what b → a (+n%)", "(same)" when equal in the format, "(&lt;1%)" below a percent.</summary>
    public static string Change(string what, double before, double after, string format, string unit = "")
    {
        var b = before.ToString(format, CultureInfo.InvariantCulture);
        var a = after.ToString(format, CultureInfo.InvariantCulture);
        if (b == a)
        {
            return $"{what} {a}{unit} (same)";
        }

        var percent = before > 0
            ? string.Create(CultureInfo.InvariantCulture, $" ({((after / before) - 1) * 100:+0;-0;0}%)")
                .Replace("(+0%)", "(<1%)", StringComparison.Ordinal).Replace("(-0%)", "(<1%)", StringComparison.Ordinal)
            : "";
        return $"{what} {b}{unit} → {a}{unit}{percent}";
    }
}
