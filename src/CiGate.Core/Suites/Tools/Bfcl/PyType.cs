namespace CiGate.Core.Suites.Tools.Bfcl;

/// <summary>
/// The Python type a JSON value decodes to (<c>json.loads</c>): BFCL's checker compares Python
/// types, so 1 (int) and 1.0 (float) differ, and true (bool) is not an int.
/// </summary>
internal enum PyType
{
    Str,
    Int,
    Float,
    Bool,
    None,
    List,
    Dict,
}
