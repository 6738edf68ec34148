using System.Globalization;

namespace CiGate.Core.Running;

/// <summary>How progress lines say the time left: "45 s", "3 min", "1 h 20 min" (rounded up).</summary>
public static class TimeLeft
{
    public static string Format(double seconds) => seconds switch
    {
        < 90 => Invariant($"{Math.Ceiling(seconds):0} s"),
        < 5400 => Invariant($"{Math.Ceiling(seconds / 60):0} min"),
        _ => Invariant($"{Math.Floor(seconds / 3600):0} h {Math.Ceiling(seconds % 3600 / 60):0} min"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
