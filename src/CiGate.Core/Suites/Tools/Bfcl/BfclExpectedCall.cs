namespace CiGate.Core.Suites.Tools.Bfcl;

/// <summary>
/// One entry of a possible answer's <c>ground_truth</c>: the function and, per parameter, the list
/// of accepted values (a dict of lists; <c>""</c> in a list marks the parameter optional).
/// </summary>
internal sealed record BfclExpectedCall(string Function, PyValue Parameters)
{
    public IReadOnlyList<PyValue> Allowed(string parameter) => Parameters.Get(parameter)?.Items ?? [];
}
