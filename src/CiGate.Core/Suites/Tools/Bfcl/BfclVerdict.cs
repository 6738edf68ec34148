namespace CiGate.Core.Suites.Tools.Bfcl;

/// <summary>
/// The AST check's verdict: valid, or BFCL's error type (<c>value_error:string</c>,
/// <c>simple_function_checker:missing_required</c>...) with a reason naming the function and parameter.
/// </summary>
internal sealed record BfclVerdict(bool Valid, string ErrorType, string Reason)
{
    public static BfclVerdict Pass { get; } = new(true, "", "");

    public static BfclVerdict Fail(string errorType, string reason) => new(false, errorType, reason);

    public override string ToString() => Valid ? "valid" : $"{ErrorType}: {Reason}";
}
