namespace CiGate.History;

/// <summary>An item's question excerpt and reference, stored once per suite definition and dataset.</summary>
internal readonly record struct TextRow(string Item, string? Question, string? Reference);
