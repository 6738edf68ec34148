namespace CiGate.Core.Suites.Tools.Bfcl;

/// <summary>One decoded model call: the function name as called and its arguments (a dict).</summary>
internal sealed record BfclCall(string Name, PyValue Arguments);
