using System.Text;
using System.Text.RegularExpressions;
using CiGate.Core.Text;

namespace CiGate.Core.Coverage;

/// <summary>
/// Redacts traffic with the guardrails' <see cref="PiiScanner"/> before anything is embedded, stored or shown.
/// The scanner reports kinds, not places, so a text with findings is redacted piece by piece: every
/// whitespace-separated token and every run of digits and separators (phone numbers, cards and IBANs hold
/// spaces) the scanner flags on its own becomes <c>[kind]</c>. If the redacted text still scans dirty,
/// the whole text becomes <c>[redacted]</c>: losing a record's words is better than showing a secret.
/// </summary>
internal static partial class PiiRedactor
{
    private static readonly HashSet<string> AllKinds = new(PiiScanner.Kinds, StringComparer.Ordinal);

    public static string Redact(string text)
    {
        if (PiiScanner.Scan(text, AllKinds).Count == 0)
        {
            return text;
        }

        var redacted = NumberRuns().Replace(text, m => Replacement(m.Value));
        redacted = Tokens().Replace(redacted, m => Replacement(m.Value));
        return PiiScanner.Scan(redacted, AllKinds).Count == 0 ? redacted : "[redacted]";
    }

    private static string Replacement(string piece)
    {
        var findings = PiiScanner.Scan(piece, AllKinds);
        return findings.Count == 0 ? piece
            : new StringBuilder().Append('[').Append(findings[0].Kind).Append(']').ToString();
    }

    [GeneratedRegex(@"[+(]?[0-9A-Z][0-9A-Z ().+-]{7,}[0-9A-Z)]", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex NumberRuns();

    [GeneratedRegex(@"[^\s]{6,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Tokens();
}
