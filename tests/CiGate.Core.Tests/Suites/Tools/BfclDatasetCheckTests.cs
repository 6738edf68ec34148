using CiGate.Core.Suites.Tools.Bfcl;
using CiGate.Core.Targets;

namespace CiGate.Core.Tests.Suites.Tools;

/// <summary>
/// Done-when 1 of issue #20: every possible answer of the five BFCL files validates against its
/// own item, and systematic perturbations of it get BFCL's verdict (the error type its checker gives).
/// </summary>
public sealed class BfclDatasetCheckTests
{
    public static TheoryData<string> AnsweredCategories =>
        ["simple_python", "multiple", "parallel", "parallel_multiple"];

    [Theory]
    [MemberData(nameof(AnsweredCategories))]
    public void Every_possible_answer_validates_against_its_own_item(string name)
    {
        var category = BfclCategories.Parse(name)!.Value;
        var items = BfclData.Items(category);

        var failures = new List<string>();
        foreach (var item in items)
        {
            foreach (var fill in new[] { false, true })
            {
                var verdict = Check(item, BfclData.CallsOf(item, fill));
                if (!verdict.Valid)
                {
                    failures.Add($"{item.Id} (optional given: {fill}): {verdict}");
                }
            }
        }

        Assert.True(items.Count >= 200, $"{items.Count} items");
        Assert.All(items, i => Assert.NotEmpty(i.Answers));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Irrelevance_passes_with_no_call_and_fails_with_any_call_of_an_offered_function()
    {
        var items = BfclData.Items(BfclCategory.Irrelevance);

        Assert.Equal(240, items.Count);
        Assert.All(items, item =>
        {
            Assert.True(Check(item, []).Valid);
            var function = item.Functions[0];
            var called = Check(item, [BfclData.Call(BfclChecker.CalledName(function.Name, true), "{}")]);
            Assert.False(called.Valid);
            Assert.Equal("irrelevance_checker:called", called.ErrorType);
        });
    }

    [Theory]
    [MemberData(nameof(AnsweredCategories))]
    public void A_wrong_function_name_fails(string name)
    {
        var category = BfclCategories.Parse(name)!.Value;
        var expectedType = category is BfclCategory.Parallel or BfclCategory.ParallelMultiple
            ? "parallel_function_checker_no_order:cannot_find_match"
            : "simple_function_checker:wrong_func_name";

        AssertEveryItem(category, item =>
        {
            var calls = BfclData.CallsOf(item).ToList();
            calls[0] = calls[0] with { Name = calls[0].Name + "_v2" };
            return (calls, expectedType);
        });
    }

    [Theory]
    [MemberData(nameof(AnsweredCategories))]
    public void An_extra_call_fails_on_the_count(string name)
    {
        var category = BfclCategories.Parse(name)!.Value;
        var checker = category switch
        {
            BfclCategory.SimplePython => "simple_function_checker",
            BfclCategory.Multiple => "multiple_function_checker",
            _ => "parallel_function_checker_no_order",
        };

        AssertEveryItem(
            category, item => ([.. BfclData.CallsOf(item), BfclData.CallsOf(item)[0]], $"{checker}:wrong_count"));
    }

    [Theory]
    [MemberData(nameof(AnsweredCategories))]
    public void No_call_fails(string name) =>
        AssertEveryItem(BfclCategories.Parse(name)!.Value, _ => ([], "ast_decoder:decoder_failed"));

    [Theory]
    [MemberData(nameof(AnsweredCategories))]
    public void A_missing_required_parameter_fails(string name)
    {
        var category = BfclCategories.Parse(name)!.Value;
        var checkedItems = AssertEveryItem(category, item =>
        {
            var function = item.Functions.First(f => f.Name == item.Answers[0].Function);
            if (function.Required.Count == 0)
            {
                return null;
            }

            var calls = BfclData.CallsOf(item).ToList();
            calls[0] = Without(calls[0], function.Required[0]);
            var expected = category is BfclCategory.Parallel or BfclCategory.ParallelMultiple
                ? "parallel_function_checker_no_order:cannot_find_match"
                : "simple_function_checker:missing_required";
            return (calls, expected);
        });

        Assert.True(checkedItems > 150, $"{checkedItems} items checked");
    }

    [Theory]
    [MemberData(nameof(AnsweredCategories))]
    public void A_value_of_the_wrong_type_fails(string name)
    {
        var category = BfclCategories.Parse(name)!.Value;
        var checkedItems = AssertSingleCallPerturbation(category, (function, parameter, allowed) =>
        {
            // a value of another Python type than the parameter's and its accepted values'
            var type = function.Parameters[parameter].Type;
            PyValue wrong = type is "string" or "any" ? PyValue.Integer(40417) : PyValue.String("forty");
            return allowed.Any(a => !a.IsEmptyString && a.Type == wrong.Type) ? null : (wrong, "type_error:simple");
        });

        Assert.True(checkedItems > 150, $"{checkedItems} items checked");
    }

    [Theory]
    [MemberData(nameof(AnsweredCategories))]
    public void A_value_outside_the_allowed_list_fails(string name)
    {
        var category = BfclCategories.Parse(name)!.Value;
        var checkedItems = AssertSingleCallPerturbation(category, (function, parameter, allowed) =>
        {
            var first = allowed.First(a => !a.IsEmptyString);
            var type = function.Parameters[parameter].Type;
            return (type, first.Type) switch
            {
                ("string", PyType.Str) => (PyValue.String(first.Str + " never accepted"), "value_error:string"),
                ("integer", PyType.Int) => (PyValue.Integer(first.Int!.Value + 7919), "value_error:others"),
                ("float", PyType.Float) => (PyValue.Float(first.Number + 7919.5), "value_error:others"),
                ("boolean", PyType.Bool) when allowed.Count(a => a.Type == PyType.Bool) == 1 =>
                    (PyValue.Boolean(first.Number == 0), "value_error:others"),
                _ => null,
            };
        });

        Assert.True(checkedItems > 150, $"{checkedItems} items checked");
    }

    [Theory]
    [InlineData("parallel")]
    [InlineData("parallel_multiple")]
    public void Parallel_calls_in_another_order_still_validate_unless_an_answer_accepts_another_s_call(string name)
    {
        var items = BfclData.Items(BfclCategories.Parse(name)!.Value);

        var failures = new List<string>();
        var ambiguous = 0;
        foreach (var item in items)
        {
            var calls = BfclData.CallsOf(item);
            var reversed = Check(item, [.. calls.Reverse()]);
            if (Ambiguous(item, calls))
            {
                // BFCL matches greedily (each expected call takes the first unmatched call that passes),
                // so when one expected call accepts another's call the order can matter: kept as BFCL has it.
                ambiguous++;
                continue;
            }

            if (!reversed.Valid)
            {
                failures.Add($"{item.Id}: {reversed}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(ambiguous < items.Count / 20, $"{ambiguous} ambiguous items");
    }

    [Fact]
    public void Parallel_matching_is_greedy_as_in_bfcl()
    {
        // parallel_178: the first expected call accepts Microsoft or Apple on 2022-01-01; reversed, it
        // takes Apple's call, and the third (Apple only) finds none left.
        var item = BfclData.Items(BfclCategory.Parallel).Single(i => i.Id == "parallel_178");
        var calls = BfclData.CallsOf(item);

        Assert.True(Check(item, calls).Valid);
        var reversed = Check(item, [.. calls.Reverse()]);
        Assert.Equal("parallel_function_checker_no_order:cannot_find_match", reversed.ErrorType);
        Assert.Contains("index 2 of possible answers (get_stock_price)", reversed.Reason, StringComparison.Ordinal);
    }

    private static bool Ambiguous(BfclItem item, IReadOnlyList<ToolCall> calls)
    {
        for (var i = 0; i < item.Answers.Count; i++)
        {
            var function = item.Functions.First(f => f.Name == item.Answers[i].Function);
            var decoded = BfclChecker.Decode(calls, out _)!;
            for (var j = 0; j < calls.Count; j++)
            {
                if (i != j && BfclChecker.Simple(function, decoded[j], item.Answers[i], underscoreNames: true).Valid)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static BfclVerdict Check(BfclItem item, IReadOnlyList<ToolCall> calls) =>
        BfclChecker.Check(item.Category, item.Functions, calls, item.Answers);

    private static ToolCall Without(ToolCall call, string parameter)
    {
        var arguments = PyValue.Parse(call.Arguments).Entries.Where(e => e.Key != parameter);
        return BfclData.Call(call.Name, arguments);
    }

    /// <summary>
    /// Changes one parameter of the first call (the first whose perturbation applies) and expects the
    /// error type; in the parallel categories the item fails as "no match" for that call.
    /// </summary>
    private static int AssertSingleCallPerturbation(
        BfclCategory category, Func<BfclFunction, string, IReadOnlyList<PyValue>, (PyValue, string)?> perturb) =>
        AssertEveryItem(category, item =>
        {
            var answer = item.Answers[0];
            var function = item.Functions.First(f => f.Name == answer.Function);
            var call = BfclData.CallOf(item, answer);
            foreach (var (parameter, value) in PyValue.Parse(call.Arguments).Entries)
            {
                if (!function.Parameters.ContainsKey(parameter)
                    || perturb(function, parameter, answer.Allowed(parameter)) is not var (wrong, errorType))
                {
                    continue;
                }

                var arguments = PyValue.Parse(call.Arguments).Entries
                    .Select(e => e.Key == parameter ? KeyValuePair.Create(e.Key, wrong) : e);
                var calls = BfclData.CallsOf(item).ToList();
                calls[0] = BfclData.Call(call.Name, arguments);
                var expected = category is BfclCategory.Parallel or BfclCategory.ParallelMultiple
                    ? "parallel_function_checker_no_order:cannot_find_match"
                    : errorType;
                return (calls, expected);
            }

            return null;
        });

    private static int AssertEveryItem(
        BfclCategory category, Func<BfclItem, (IReadOnlyList<ToolCall>, string)?> perturb)
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var item in BfclData.Items(category))
        {
            if (perturb(item) is not var (calls, expected))
            {
                continue;
            }

            count++;
            var verdict = Check(item, calls);
            if (verdict.Valid || verdict.ErrorType != expected)
            {
                failures.Add($"{item.Id}: expected {expected}, got {verdict}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        return count;
    }
}
