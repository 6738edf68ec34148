using CiGate.Core.Costs;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Config;

/// <summary>Reads <c>budget: { tokens: N, cost: X }</c>, top-level or on a suite.</summary>
internal static class BudgetReader
{
    public static Budget? Read(MapReader? map)
    {
        if (map is null)
        {
            return null;
        }

        var tokens = map.Int("tokens", 1);
        var cost = map.Double("cost", 0);
        if (!map.Has("tokens") && !map.Has("cost"))
        {
            map.Context.Report(
                DiagnosticCodes.MissingKey,
                map.Node,
                $"'{map.Section}' needs 'tokens' (prompt + completion tokens) or 'cost' (in the targets' currency)");
        }

        map.Finish();
        return tokens is null && cost is null ? null : new Budget(tokens, cost);
    }
}
