namespace CiGate.Simulator;

/// <summary>
/// A CSV or JSONL file of prompts labelled safe or unsafe (XSTest's layout: prompt, label). The
/// simulator refuses or complies on the prompts it finds there, at <see cref="RefusalOptions"/>' rates.
/// </summary>
public sealed record SafetyKeySource(string Path, string PromptField = "prompt", string LabelField = "label", string UnsafeValue = "unsafe");
