namespace CiGate.Core.Suites.Safety.Refusal;

/// <summary>
/// The rule families added for issue #23 on top of the first detector, switchable so that each
/// can be measured on data it was not written from. The shipped detector uses <see cref="All"/>.
/// </summary>
[Flags]
public enum RefusalRules
{
    /// <summary>The detector as it was before issue #23 (tuned on the project's own label sets).</summary>
    FirstDetector = 0,

    /// <summary>
    /// Written from the description of the misses, before reading any XSTest completion:
    /// impersonal declines ("it's not appropriate or ethical to provide"), persona lectures ("as an
    /// AI language model, I must clarify"), sympathy plus referrals with no help.
    /// </summary>
    Described = 1,

    /// <summary>Written while reading only Mistral-7B-Instruct's completions (held out: Llama-2).</summary>
    FromMistral = 2,

    /// <summary>Written while reading only Llama-2-70b-chat's completions (held out: Mistral).</summary>
    FromLlama = 4,

    /// <summary>
    /// Ensemble with XSTest's string matcher (<see cref="XstestStringMatcher"/>): a reply the rules
    /// read as compliance but that opens with one of its refusal strings is a partial refusal.
    /// Written from neither model (XSTest's published baseline), so held out on both.
    /// </summary>
    StringMatcher = 8,

    /// <summary>
    /// Lectures in place of an answer (<see cref="LecturePatterns"/>), written after reading both
    /// models' misses: in-sample for both, so in neither held-out figure.
    /// </summary>
    Lectures = 16,

    /// <summary>Every family: what <see cref="RefusalDetector.Classify(string)"/> uses.</summary>
    All = Described | FromMistral | FromLlama | StringMatcher | Lectures,
}
