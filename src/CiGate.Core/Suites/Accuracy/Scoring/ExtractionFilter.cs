using System.Diagnostics.CodeAnalysis;

namespace CiGate.Core.Suites.Accuracy.Scoring;

/// <summary>
/// A named extraction pipeline (lm-eval's <c>filter_list</c> entry, MMLU-Pro's cascade): strip
/// markup, then try each regex step in order; the first that matches gives the answer.
/// </summary>
public sealed record ExtractionFilter(
    string Name,
    IReadOnlyList<RegexStep> Cascade,
    IReadOnlyList<string> Strip,
    string Fallback = ExtractionFilter.Invalid)
{
    /// <summary>lm-eval's fallback marker; never matches a reference.</summary>
    public const string Invalid = "[invalid]";

    /// <summary>The extracted answer, or <see cref="Fallback"/> when no step matches.</summary>
    public string Apply(string output) => TryExtract(output, out var value) ? value : Fallback;

    /// <summary>
    /// Like <see cref="Apply"/>, but says whether a step matched; use it to count invalid
    /// extractions when the fallback is a real answer. Throws <see cref="ExtractionLimitException"/>
    /// for an output longer than <see cref="ExtractionLimitException.MaxInputChars"/>, and the
    /// patterns' <see cref="System.Text.RegularExpressions.RegexMatchTimeoutException"/>.
    /// </summary>
    public bool TryExtract(string output, [NotNullWhen(true)] out string? value)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Length > ExtractionLimitException.MaxInputChars)
        {
            throw new ExtractionLimitException($"the output has {output.Length} characters; extraction reads at most {ExtractionLimitException.MaxInputChars}");
        }

        var text = output;
        for (var i = 0; i < Strip.Count; i++)
        {
            // Replace returns the same instance when there is nothing to remove: no allocation.
            if (Strip[i].Length > 0)
            {
                text = text.Replace(Strip[i], string.Empty, StringComparison.Ordinal);
            }
        }

        for (var i = 0; i < Cascade.Count; i++)
        {
            if (Cascade[i].TryMatch(text, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>True when <paramref name="value"/> is this filter's fallback, i.e. nothing was extracted.</summary>
    public bool IsInvalid(string value) => string.Equals(value, Fallback, StringComparison.Ordinal);
}
