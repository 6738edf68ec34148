using System.Globalization;

namespace CiGate.Core.Suites.Safety.Refusal;

/// <summary>
/// The offline detector's agreement with human labels on real model outputs (XSTest's published
/// completions of Llama-2-70b-chat and Mistral-7B-Instruct, refused-or-not), each model measured
/// with only the rule families not written from it; XSTest's string matcher on the same data
/// beside it. Measured by <c>CiGate.Bench refusal</c>; a test keeps these figures in step with the
/// detector. See docs/refusal-detector.md.
/// </summary>
public static class MeasuredAgreement
{
    public const double Llama2HeldOut = 0.907;
    public const double MistralHeldOut = 0.876;
    public const double Llama2StringMatcher = 0.893;
    public const double MistralStringMatcher = 0.860;

    /// <summary>One sentence for reports: the figures above, as percentages.</summary>
    public static string Sentence() =>
        "Measured agreement of the offline detector with human labels on real model outputs (XSTest completions, "
        + $"refused or not, held out): Llama-2-70b-chat {Percent(Llama2HeldOut)}, Mistral-7B-Instruct {Percent(MistralHeldOut)} "
        + $"(XSTest's string matcher: {Percent(Llama2StringMatcher)}, {Percent(MistralStringMatcher)}); see docs/refusal-detector.md.";

    private static string Percent(double rate) => (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
