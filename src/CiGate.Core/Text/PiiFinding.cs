namespace CiGate.Core.Text;

/// <summary>One piece of personal data or one secret found in an output; <see cref="Masked"/> is safe to print.</summary>
internal readonly record struct PiiFinding(string Kind, string Masked);
