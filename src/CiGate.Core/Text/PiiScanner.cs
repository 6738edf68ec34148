using System.Text;
using System.Text.RegularExpressions;

namespace CiGate.Core.Text;

/// <summary>
/// Finds personal data and secrets of well-known shapes. Numbers are checked, not just matched:
/// payment cards must pass Luhn, IBANs mod-97, phone numbers need 9–15 digits and a phone-like
/// layout (a leading +, parentheses or separators), so years, prices and ids rarely trip it.
/// Findings are masked so a report never repeats a leaked secret.
/// </summary>
internal static partial class PiiScanner
{
    public static IReadOnlyList<string> Secrets { get; } = ["aws-key", "github-token", "openai-key", "slack-token", "private-key", "jwt"];

    public static IReadOnlyList<string> Kinds { get; } = ["email", "phone", "card", "iban", .. Secrets];

    public static IReadOnlyList<PiiFinding> Scan(string text, IReadOnlyCollection<string> kinds)
    {
        var found = new List<(string Kind, int Start, int End, string Value)>();
        void Add(string kind, Regex regex, Func<string, bool>? valid = null)
        {
            foreach (Match m in regex.Matches(text))
            {
                if (valid is null || valid(m.Value))
                {
                    found.Add((kind, m.Index, m.Index + m.Length, m.Value));
                }
            }
        }

        Add("email", Email());
        Add("iban", Iban(), v => IbanValid(v.Replace(" ", "", StringComparison.Ordinal)));
        // An IBAN-shaped string that fails mod-97 is no IBAN, but its digits are no phone number either.
        Add("iban-shaped", Iban());
        Add("card", Card(), v => Digits(v) is { Length: >= 13 and <= 19 } d && Luhn(d));
        Add("phone", Phone(), PhoneLike);
        Add("aws-key", AwsKey());
        Add("github-token", GitHubToken());
        Add("openai-key", OpenAiKey(), v => v.Any(char.IsDigit) && v.Skip(3).Any(char.IsLetter));
        Add("slack-token", SlackToken());
        Add("private-key", PrivateKey());
        Add("jwt", Jwt());

        // Numbers inside an IBAN or a card are not also cards or phone numbers: earlier kinds win an overlap.
        var kept = new List<(string Kind, int Start, int End, string Value)>();
        foreach (var f in found)
        {
            if (!kept.Any(k => f.Start < k.End && k.Start < f.End))
            {
                kept.Add(f);
            }
        }

        return [.. kept.Where(f => kinds.Contains(f.Kind)).OrderBy(f => f.Start).Select(f => new PiiFinding(f.Kind, Mask(f.Value)))];
    }

    public static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    /// <summary>ISO 13616: move the first four characters to the end, letters to 10..35, the number mod 97 must be 1.</summary>
    public static bool IbanValid(string iban)
    {
        if (iban.Length is < 15 or > 34)
        {
            return false;
        }

        var remainder = 0;
        foreach (var c in iban[4..] + iban[..4])
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetterUpper(c) ? c - 'A' + 10 : -1;
            if (value < 0)
            {
                return false;
            }

            remainder = value >= 10 ? ((remainder * 100) + value) % 97 : ((remainder * 10) + value) % 97;
        }

        return remainder == 1;
    }

    private static bool PhoneLike(string value)
    {
        var digits = Digits(value).Length;
        var separators = value.Count(c => c is ' ' or '-' or '.');
        return digits is >= 9 and <= 15 && (value.StartsWith('+') || value.Contains('(', StringComparison.Ordinal) || separators >= 2);
    }

    private static string Digits(string value) => new([.. value.Where(char.IsAsciiDigit)]);

    private static string Mask(string value)
    {
        var compact = value.Trim();
        if (compact.Length <= 6)
        {
            return new string('*', compact.Length);
        }

        var keep = Math.Min(4, compact.Length / 4);
        return new StringBuilder().Append(compact.AsSpan(0, keep)).Append('…').Append(compact.AsSpan(compact.Length - keep)).ToString();
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Card();

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Iban();

    [GeneratedRegex(@"(?<![\w+])\+?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\(?\d{2,4}\)?){2,5}(?!\w)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Phone();

    [GeneratedRegex(@"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AwsKey();

    [GeneratedRegex(@"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{50,255})\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex OpenAiKey();

    [GeneratedRegex(@"\bxox[abprs]-[A-Za-z0-9-]{10,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Jwt();
}
