using CiGate.Core.Targets;

namespace CiGate.Core.Suites.Tools.Bfcl;

/// <summary>
/// The Berkeley Function Calling Leaderboard's AST check (bfcl_eval/eval_checker/ast_eval/ast_checker.py,
/// re-written in C#): simple (exactly one call), multiple (one call, to the expected function of
/// several), parallel and parallel_multiple (as many calls as expected, matched in any order, each
/// expected call taking the first unmatched call that passes), irrelevance (no decodable call).
/// With <c>underscoreNames</c> a dotted function name is expected as called with '_' (what BFCL does
/// for OpenAI-style APIs, which refuse dots in tool names).
/// </summary>
internal static class BfclChecker
{
    public static BfclVerdict Check(
        BfclCategory category,
        IReadOnlyList<BfclFunction> functions,
        IReadOnlyList<ToolCall> calls,
        IReadOnlyList<BfclExpectedCall> answers,
        bool underscoreNames = true)
    {
        var decoded = Decode(calls, out var problem);
        if (category == BfclCategory.Irrelevance)
        {
            // eval_runner: a reply passes when nothing in it decodes to a call.
            return decoded is null || decoded.Count == 0
                ? BfclVerdict.Pass
                : BfclVerdict.Fail(
                    "irrelevance_checker:called",
                    $"Called {string.Join(", ", decoded.Select(c => c.Name))}, but no offered function fits.");
        }

        if (decoded is null)
        {
            return BfclVerdict.Fail("ast_decoder:decoder_failed", problem!);
        }

        return category switch
        {
            BfclCategory.Parallel or BfclCategory.ParallelMultiple =>
                Parallel(functions, decoded, answers, underscoreNames),
            BfclCategory.Multiple => Multiple(functions, decoded, answers, underscoreNames),
            _ => decoded.Count != 1 || answers.Count == 0 || functions.Count == 0
                ? WrongCount("simple_function_checker", decoded.Count, 1)
                : Simple(functions[0], decoded[0], answers[0], underscoreNames),
        };
    }

    /// <summary>
    /// The calls as BFCL decodes them (arguments parsed as JSON objects), or null when one does not
    /// decode (arguments that are not JSON, or not an object) or there is none.
    /// </summary>
    public static IReadOnlyList<BfclCall>? Decode(IReadOnlyList<ToolCall> calls, out string? problem)
    {
        problem = null;
        if (calls.Count == 0)
        {
            problem = "No function call: the reply was text.";
            return null;
        }

        var decoded = new List<BfclCall>(calls.Count);
        foreach (var call in calls)
        {
            var arguments = string.IsNullOrWhiteSpace(call.Arguments)
                ? PyValue.Dict([])
                : PyValue.TryParse(call.Arguments);
            if (arguments is not { Type: PyType.Dict })
            {
                problem = $"Invalid syntax. Failed to decode the arguments of {call.Name}: {Quote(call.Arguments)}.";
                return null;
            }

            decoded.Add(new BfclCall(call.Name, arguments));
        }

        return decoded;
    }

    /// <summary>The name a function is called by: dots as '_' when <paramref name="underscoreNames"/>.</summary>
    public static string CalledName(string function, bool underscoreNames) =>
        underscoreNames ? function.Replace('.', '_') : function;

    /// <summary>BFCL's <c>simple_function_checker</c>: one call against one expected call.</summary>
    public static BfclVerdict Simple(
        BfclFunction function, BfclCall call, BfclExpectedCall answer, bool underscoreNames)
    {
        var name = CalledName(function.Name, underscoreNames);
        if (call.Name != name)
        {
            return BfclVerdict.Fail(
                "simple_function_checker:wrong_func_name",
                $"Function name '{name}' not found in model output (called '{call.Name}').");
        }

        foreach (var required in function.Required)
        {
            if (!call.Arguments.Has(required))
            {
                return Fail(
                    name, "simple_function_checker:missing_required", $"Missing required parameter: '{required}'.");
            }
        }

        foreach (var (parameter, given) in call.Arguments.Entries)
        {
            if (!function.Parameters.TryGetValue(parameter, out var details) || !answer.Parameters.Has(parameter))
            {
                return Fail(name, "simple_function_checker:unexpected_param", $"Unexpected parameter: '{parameter}'.");
            }

            if (Argument(parameter, given, details, answer.Allowed(parameter)) is { } failure)
            {
                return Fail(name, failure.ErrorType, failure.Reason);
            }
        }

        foreach (var (parameter, allowed) in answer.Parameters.Entries)
        {
            if (!call.Arguments.Has(parameter) && !allowed.Contains(PyValue.EmptyString))
            {
                return Fail(
                    name,
                    "simple_function_checker:missing_optional",
                    $"Optional parameter '{parameter}' not provided and not marked as optional.");
            }
        }

        return BfclVerdict.Pass;
    }

    private static (string ErrorType, string Reason)? Argument(
        string parameter, PyValue value, BfclParameter details, IReadOnlyList<PyValue> allowed)
    {
        if (BfclTypeCheck.Map(details.Type) is not { } expected)
        {
            return ("type_error:unknown",
                $"Parameter '{parameter}' has type '{details.Type}', which BFCL does not map.");
        }

        PyType? nested = null;
        if (BfclTypeCheck.IsNested(details.Type))
        {
            nested = BfclTypeCheck.Map(details.ItemsType);
            if (nested is null)
            {
                return ("type_error:unknown", $"Parameter '{parameter}' has items of type '{details.ItemsType}'.");
            }
        }

        // Python would take an int where a float is expected (top level only, as BFCL does).
        if (details.Type == "float" && value.Type == PyType.Int)
        {
            value = value.ToFloat();
        }

        var typed = BfclTypeCheck.Check(parameter, value, allowed, details.Type, expected, nested);
        if (!typed.Valid)
        {
            return (typed.ErrorType, typed.Reason);
        }

        if (!typed.IsVariable)
        {
            if (expected == PyType.Dict)
            {
                return BfclValueChecks.Dict(value, allowed);
            }

            if (expected == PyType.List && nested == PyType.Dict)
            {
                return BfclValueChecks.ListOfDicts(value, allowed);
            }

            if (expected == PyType.Str)
            {
                return BfclValueChecks.String(parameter, value, allowed) is { } s ? ("value_error:string", s) : null;
            }

            if (expected == PyType.List)
            {
                return BfclValueChecks.List(parameter, value, allowed) is { } l ? ("value_error:list/tuple", l) : null;
            }
        }

        return allowed.Any(value.PyEquals)
            ? null
            : ("value_error:others",
                $"Invalid value for parameter '{parameter}': {value.Repr()}. "
                + $"Expected one of {BfclValueChecks.Repr(allowed)}.");
    }

    private static BfclVerdict Multiple(
        IReadOnlyList<BfclFunction> functions, IReadOnlyList<BfclCall> calls, IReadOnlyList<BfclExpectedCall> answers,
        bool underscoreNames)
    {
        if (calls.Count != answers.Count || answers.Count == 0)
        {
            return WrongCount("multiple_function_checker", calls.Count, answers.Count);
        }

        return Find(functions, answers[0].Function) is { } function
            ? Simple(function, calls[0], answers[0], underscoreNames)
            : NotOffered(answers[0].Function);
    }

    private static BfclVerdict Parallel(
        IReadOnlyList<BfclFunction> functions, IReadOnlyList<BfclCall> calls, IReadOnlyList<BfclExpectedCall> answers,
        bool underscoreNames)
    {
        if (calls.Count != answers.Count)
        {
            return WrongCount("parallel_function_checker_no_order", calls.Count, answers.Count);
        }

        var matched = new bool[calls.Count];
        for (var i = 0; i < answers.Count; i++)
        {
            if (Find(functions, answers[i].Function) is not { } function)
            {
                return NotOffered(answers[i].Function);
            }

            BfclVerdict? last = null;
            for (var index = 0; index < calls.Count; index++)
            {
                if (matched[index])
                {
                    continue;
                }

                last = Simple(function, calls[index], answers[i], underscoreNames);
                if (last.Valid)
                {
                    matched[index] = true;
                    break;
                }
            }

            if (last is not { Valid: true })
            {
                var left = Enumerable.Range(0, calls.Count).Where(k => !matched[k]);
                return BfclVerdict.Fail(
                    "parallel_function_checker_no_order:cannot_find_match",
                    $"Could not find a matching function among index [{string.Join(", ", left)}] of model output "
                    + $"for index {i} of possible answers ({answers[i].Function})"
                    + (last is null ? "." : $"; last: {last.Reason}"));
            }
        }

        return BfclVerdict.Pass;
    }

    private static BfclFunction? Find(IReadOnlyList<BfclFunction> functions, string name) =>
        functions.FirstOrDefault(f => f.Name == name);

    private static BfclVerdict WrongCount(string checker, int got, int expected) =>
        BfclVerdict.Fail($"{checker}:wrong_count", $"Wrong number of functions: {got} called, {expected} expected.");

    private static BfclVerdict NotOffered(string function) =>
        BfclVerdict.Fail(
            "ast_checker:no_description", $"The possible answer names '{function}', which no function describes.");

    private static BfclVerdict Fail(string function, string errorType, string reason) =>
        BfclVerdict.Fail(errorType, $"{function}: {reason}");

    private static string Quote(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
