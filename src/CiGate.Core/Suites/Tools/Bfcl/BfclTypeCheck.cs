namespace CiGate.Core.Suites.Tools.Bfcl;

/// <summary>
/// BFCL's type check of one argument (Python): the value's type must be the parameter's
/// (<c>float</c> already took ints), or the type of the first non-optional accepted value (then the
/// value is a "variable" and is compared as is). Arrays and tuples check their items' type one
/// level deep against each accepted list; an accepted value that is not a list passes the items.
/// </summary>
internal static class BfclTypeCheck
{
    /// <summary>BFCL's <c>PYTHON_TYPE_MAPPING</c>: the Python type a BFCL type name stands for.</summary>
    public static PyType? Map(string? type) => type switch
    {
        "string" or "any" => PyType.Str,
        "integer" => PyType.Int,
        "float" => PyType.Float,
        "boolean" => PyType.Bool,
        "array" or "tuple" => PyType.List,
        "dict" => PyType.Dict,
        _ => null,
    };

    /// <summary>Whether BFCL checks the items' type of a parameter of this type.</summary>
    public static bool IsNested(string type) => type is "array" or "tuple";

    public static Result Check(
        string parameter, PyValue value, IReadOnlyList<PyValue> allowed, string expectedName, PyType expected,
        PyType? nested)
    {
        var answerType = AnswerType(allowed);
        var isVariable = answerType is { } a && a != expected;
        string? nestedError = null;
        if (value.Type == expected)
        {
            if (nested is not { } inner)
            {
                return new Result(true, isVariable, "", "");
            }

            foreach (var accepted in allowed)
            {
                var itemsFit = accepted.Type != PyType.List
                    || value.Items.All(v =>
                        Check(parameter, v, accepted.Items, PyValue.Name(inner), inner, null).Valid);
                if (itemsFit)
                {
                    return new Result(true, isVariable, "", "");
                }
            }

            nestedError = $"Nested type checking failed for parameter '{parameter}'. Expected outer type "
                + $"{expectedName} with inner type {PyValue.Name(inner)}. Parameter value: {value.Repr()}.";
        }

        if (answerType is { } t && value.Type == t)
        {
            return nestedError is null
                ? new Result(true, true, "", "")
                : new Result(false, true, "type_error:nested", nestedError);
        }

        var simple = $"Incorrect type for parameter '{parameter}'. Expected type {expectedName}, got "
            + $"{value.TypeName}. Parameter value: {value.Repr()}.";
        return new Result(false, false, "type_error:simple", nestedError is null ? simple : $"{nestedError} {simple}");
    }

    /// <summary>BFCL's <c>get_possible_answer_type</c>: the type of the first accepted value that is not "".</summary>
    private static PyType? AnswerType(IReadOnlyList<PyValue> allowed) =>
        allowed.FirstOrDefault(a => !a.IsEmptyString)?.Type;

    /// <summary>The type check's outcome; a variable is compared by value only.</summary>
    public readonly record struct Result(bool Valid, bool IsVariable, string ErrorType, string Reason);
}
