using System.Globalization;

namespace CiGate.Core.History.Rendering;

/// <summary>Invariant number and time formats shared by the history renderers.</summary>
internal static class Numbers
{
    public static string Value(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Commit(string? commit) => commit is { Length: > 0 } c ? c[..Math.Min(7, c.Length)] : "-";

    public static string Signed(double delta) => delta.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture);
}
