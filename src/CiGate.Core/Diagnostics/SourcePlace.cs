namespace CiGate.Core.Diagnostics;

/// <summary>Where a config value was written, kept for errors found after loading (a missing environment variable at run time).</summary>
public sealed record SourcePlace(string File, int Line, int Column)
{
    public Diagnostic Diagnostic(string code, string message) => new(code, message, File, Line, Column);
}
