namespace CiGate.Core.Diagnostics;

/// <summary>
/// A problem a user can cause and fix: bad YAML, a missing file, a dead endpoint.
/// Printed in the canonical MSBuild form so IDEs, build logs and problem matchers place it.
/// </summary>
public sealed record Diagnostic(string Code, string Message, string? File = null, int Line = 0, int Column = 0)
{
    public override string ToString() => Format("error");

    /// <summary>The same line as a warning (<c>file(line,col): warning CODE: message</c>): reported, not failed on.</summary>
    public string ToWarningString() => Format("warning");

    private string Format(string severity)
    {
        if (File is null)
        {
            return $"{severity} {Code}: {Message}";
        }

        return Line > 0
            ? $"{File}({Line},{Column}): {severity} {Code}: {Message}"
            : $"{File}: {severity} {Code}: {Message}";
    }
}
