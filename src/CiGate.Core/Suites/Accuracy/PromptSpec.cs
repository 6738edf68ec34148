using CiGate.Core.Datasets;
using CiGate.Core.Targets;
using CiGate.Core.Templating;

namespace CiGate.Core.Suites.Accuracy;

/// <summary>
/// How an item becomes a request, as lm-evaluation-harness builds it: description, then each
/// few-shot example (text + target delimiter + target) joined by the few-shot delimiter, then the
/// item's text. Chat sends it as one user message (after the optional system message).
/// </summary>
public sealed record PromptSpec(
    TargetApi? Api,
    ItemTemplate? System,
    ItemTemplate? Description,
    ItemTemplate Template,
    string TargetDelimiter,
    string FewShotDelimiter,
    FewShotSpec? FewShot);

/// <summary>Few-shot examples from <see cref="Path"/>, or from the suite's own dataset minus the item.</summary>
public sealed record FewShotSpec(int Count, string? Path, SampleMode Sample, int Seed, ItemTemplate Target);
