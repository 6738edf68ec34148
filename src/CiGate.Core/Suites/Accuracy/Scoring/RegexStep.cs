using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace CiGate.Core.Suites.Accuracy.Scoring;

/// <summary>
/// One regex of an extraction cascade. <paramref name="Group"/> null follows lm-eval's
/// <c>findall</c>: the first non-empty capture group of the chosen match, or the whole match when
/// the pattern has no groups. The pattern is compiled once by the caller and reused for every call.
/// </summary>
public sealed record RegexStep(Regex Pattern, MatchSelect Select = MatchSelect.First, int? Group = null)
{
    // Get-only (no init) so a `with` cannot swap the pattern under the cached group numbers.
    public Regex Pattern { get; } = Validate(Pattern, Group);

    public int? Group { get; } = Group;

    private readonly int[] groupNumbers = Pattern.GetGroupNumbers();

    /// <summary>The trimmed value of this step, or false when it does not match or captures only whitespace.</summary>
    public bool TryMatch(string input, [NotNullWhen(true)] out string? value)
    {
        ArgumentNullException.ThrowIfNull(input);
        var match = Select == MatchSelect.Last ? LastMatch(input) : Pattern.Match(input);
        value = match is { Success: true } ? Capture(match) : null;
        return value is not null;
    }

    // Value equality on what the step does; the compiled Regex and the cached group numbers
    // would otherwise compare by reference.
    public bool Equals(RegexStep? other) =>
        other is not null
        && string.Equals(Pattern.ToString(), other.Pattern.ToString(), StringComparison.Ordinal)
        && Pattern.Options == other.Pattern.Options
        && Select == other.Select
        && Group == other.Group;

    public override int GetHashCode() =>
        HashCode.Combine(StringComparer.Ordinal.GetHashCode(Pattern.ToString()), Pattern.Options, Select, Group);

    private Match? LastMatch(string input)
    {
        // Python's findall()[-1] is the last of the left-to-right, non-overlapping matches. A
        // RightToLeft clone is not the same thing in general (\d{2} on "123" gives "23", findall
        // "12"), so walk the matches without allocating (linear) and rebuild only the last one.
        // The timeout bounds each match, not the walk: many slow matches get one budget together.
        var lastIndex = -1;
        var count = 0;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var m in Pattern.EnumerateMatches(input))
        {
            lastIndex = m.Index;
            if (++count > ExtractionLimitException.MaxMatches)
            {
                throw new ExtractionLimitException($"the pattern '{Pattern}' matches more than {ExtractionLimitException.MaxMatches} times in this output");
            }

            if (Pattern.MatchTimeout != Regex.InfiniteMatchTimeout && System.Diagnostics.Stopwatch.GetElapsedTime(started) > Pattern.MatchTimeout)
            {
                throw new RegexMatchTimeoutException(input.Length <= 100 ? input : input[..100], Pattern.ToString(), Pattern.MatchTimeout);
            }
        }

        // Matching again from its start (lookbehinds still see the text before it) yields the
        // same match, now with its groups.
        return lastIndex < 0 ? null : Pattern.Match(input, lastIndex);
    }

    private string? Capture(Match match)
    {
        ReadOnlySpan<char> raw;
        if (Group is int number)
        {
            var group = match.Groups[number];
            if (!group.Success)
            {
                return null;
            }

            raw = group.ValueSpan;
        }
        else if (groupNumbers.Length == 1)
        {
            raw = match.ValueSpan;
        }
        else
        {
            // lm-eval: [m for m in match if m][0]. It raises when every group is empty; here the
            // step simply does not match, so the cascade moves on (or falls back).
            raw = default;
            for (var i = 1; i < groupNumbers.Length; i++)
            {
                var group = match.Groups[groupNumbers[i]];
                if (group.Success && group.Length > 0)
                {
                    raw = group.ValueSpan;
                    break;
                }
            }
        }

        var trimmed = raw.Trim();
        return trimmed.IsEmpty ? null : trimmed.ToString();
    }

    private static Regex Validate(Regex pattern, int? group)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if ((pattern.Options & RegexOptions.RightToLeft) != 0)
        {
            throw new ArgumentException("Use MatchSelect.Last instead of a RightToLeft pattern.", nameof(pattern));
        }

        if (group is int number && Array.IndexOf(pattern.GetGroupNumbers(), number) < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(group), number, $"The pattern '{pattern}' has no group {number}.");
        }

        return pattern;
    }
}
