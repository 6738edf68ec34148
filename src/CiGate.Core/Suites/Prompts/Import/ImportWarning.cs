namespace CiGate.Core.Suites.Prompts.Import;

/// <summary>
/// Something in the promptfoo config that was not converted as is, placed at its line.
/// <see cref="Dropped"/>: the converted config tests less than the original because of it (an
/// assertion, a test case, a var file or a transform it could not carry over); `cigate import`
/// refuses to write such a config unless told <c>--allow-partial</c>. Otherwise it is a note
/// (a report setting, a key with no effect on what is tested).
/// </summary>
public sealed record ImportWarning(string Message, string File, int Line = 0, int Column = 0, bool Dropped = false)
{
    public override string ToString() =>
        Line > 0 ? $"{File}({Line},{Column}): warning: {Message}" : $"{File}: warning: {Message}";
}
