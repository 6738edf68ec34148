using CiGate.Core.Suites.Safety.Agreement;

namespace CiGate.Core.Suites.Safety;

/// <summary>
/// What compare adds for a safety suite: rates side by side (head with its Wilson interval), the
/// safe prompts head newly refuses (over-refusal) and the unsafe prompts it newly complies with,
/// each with both answers, and head's classifier agreement. Texts are raw; reports escape them.
/// </summary>
public sealed record SafetyComparison(
    string Classifier,
    IReadOnlyList<SafetyRateChange> Rates,
    IReadOnlyList<SafetyFlip> NewlyRefused,
    IReadOnlyList<SafetyFlip> NewlyComplied,
    AgreementReport? Agreement);
