namespace CiGate.Core.History.Rendering;

/// <summary>How <c>history trend</c> prints: a console table, Markdown with Mermaid charts, or an HTML page.</summary>
public enum TrendFormat
{
    Text,
    Md,
    Html,
}
