namespace CiGate.Core.Coverage;

/// <summary>
/// One logged request, already redacted: <see cref="Text"/> never holds what the PII scanner finds.
/// <see cref="Line"/> is where it was read (1-based; the span's index for OpenTelemetry exports).
/// </summary>
public sealed record TrafficRecord(int Line, string Text, string? Model, bool NegativeFeedback);
