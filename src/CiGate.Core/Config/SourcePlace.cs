namespace CiGate.Core.Config;

/// <summary>Where a config value was written, so an error found at run time still names its file, line and column.</summary>
public sealed record SourcePlace(string File, int Line, int Column);
