using CiGate.Core.Costs;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Config;

/// <summary>Reads a target's <c>pricing:</c> mapping (prices per million tokens, a currency).</summary>
internal static class PricingReader
{
    public static Pricing? Read(MapReader? map)
    {
        if (map is null)
        {
            return null;
        }

        var input = map.Double("input_per_mtok", 0);
        var output = map.Double("output_per_mtok", 0);
        var cached = map.Double("cached_input_per_mtok", 0);
        var reasoning = map.Double("reasoning_per_mtok", 0);
        var currency = map.String("currency") ?? Pricing.DefaultCurrency;
        if (input is null || output is null)
        {
            map.Context.Report(
                DiagnosticCodes.MissingKey,
                map.Node,
                $"'{map.Section}' needs both 'input_per_mtok' and 'output_per_mtok' (prices per million tokens)");
        }

        map.Finish();
        return input is { } i && output is { } o ? new Pricing(i, o, cached, reasoning, currency) : null;
    }
}
