namespace CiGate.Core.Suites.Tools.Bfcl;

/// <summary>
/// One parameter of a BFCL function description: its BFCL type name (<c>string</c>, <c>integer</c>,
/// <c>float</c>, <c>tuple</c>, <c>dict</c>, <c>any</c>...) and, for arrays and tuples, its items' type.
/// </summary>
internal sealed record BfclParameter(string Type, string? ItemsType);
