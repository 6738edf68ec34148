using CiGate.Core.Suites.Safety.Refusal;

namespace CiGate.Core.Suites.Safety.Agreement;

/// <summary>One human-labelled response: {"id", "prompt", "output", "label"} (extra fields such as "split" are kept).</summary>
public sealed record LabelledResponse(string Id, string? Prompt, string Output, RefusalClass Label, string? Split = null);
