using System.Text;
using CiGate.Core.Config;
using CiGate.Core.Text;

namespace CiGate.Core.Suites.Prompts;

/// <summary>
/// A test case's id when none is declared: a slug of its description plus a short hash of the
/// description and vars. Assertions are left out on purpose: tightening an assertion must not
/// orphan the case's history.
/// </summary>
internal static class CaseIds
{
    public static string Derive(string? description, IReadOnlyDictionary<string, object?> vars)
    {
        var hash = Hashing.Sha256Hex($"{description}\u0000{PlainJson.Compact(vars)}")[..8];
        var slug = Slug(description);
        return slug.Length == 0 ? $"case-{hash}" : $"{slug}-{hash}";
    }

    private static string Slug(string? text)
    {
        var slug = new StringBuilder();
        foreach (var c in (text ?? "").ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }

            if (slug.Length >= 40)
            {
                break;
            }
        }

        return slug.ToString().Trim('-');
    }
}
