using System.Globalization;

namespace CiGate.Core.Costs;

/// <summary>Money as every output writes it: the amount with 4 significant decimals and the currency code.</summary>
public static class Money
{
    public static string Format(double amount, string? currency)
    {
        var digits = Math.Abs(amount) >= 1 ? "0.00" : "0.0000";
        var text = amount.ToString(digits, CultureInfo.InvariantCulture);
        return currency is null ? text : $"{text} {currency}";
    }
}
