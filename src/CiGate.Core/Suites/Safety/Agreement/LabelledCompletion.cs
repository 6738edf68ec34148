using CiGate.Core.Suites.Safety.Refusal;

namespace CiGate.Core.Suites.Safety.Agreement;

/// <summary>
/// One model completion with its human label, as XSTest publishes them: the prompt's id and
/// type (one of XSTest's 18 types), the prompt, the completion and the three-way label.
/// </summary>
public sealed record LabelledCompletion(string Id, string Type, string Prompt, string Completion, RefusalClass Label);
