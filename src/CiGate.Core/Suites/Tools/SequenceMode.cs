namespace CiGate.Core.Suites.Tools;

/// <summary>
/// How the called tool names compare with an expected list: <c>strict</c> (same names in the same
/// order), <c>unordered</c> (same names as many times, any order), <c>subset</c> (every call made is
/// in the list), <c>superset</c> (every listed call was made, others allowed).
/// </summary>
internal enum SequenceMode
{
    Strict,
    Unordered,
    Subset,
    Superset,
}
