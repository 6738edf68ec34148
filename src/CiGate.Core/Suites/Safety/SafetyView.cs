namespace CiGate.Core.Suites.Safety;

/// <summary>
/// A safety suite's section of the report, already escaped: rates per scope (base, head, head's
/// Wilson interval), prompts newly refused and newly complied with (at most
/// <see cref="SafetyViewBuilder.MaxRows"/> each; the notes say how many more), and the agreement:
/// the run's own (against labelled responses it was given) and, for the offline detector, its
/// measured agreement on real model outputs (<see cref="DetectorMeasured"/>).
/// </summary>
internal sealed record SafetyView(
    string Classifier,
    IReadOnlyList<SafetyRateRow> Rates,
    IReadOnlyList<SafetyFlipRow> NewlyRefused,
    int NewlyRefusedTotal,
    string NewlyRefusedNote,
    IReadOnlyList<SafetyFlipRow> NewlyComplied,
    int NewlyCompliedTotal,
    string NewlyCompliedNote,
    string Agreement,
    IReadOnlyList<SafetyConfusionRow> Confusion,
    string DetectorMeasured = "");
