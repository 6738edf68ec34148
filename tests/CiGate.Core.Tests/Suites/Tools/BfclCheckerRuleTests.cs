using System.Text.Json;
using CiGate.Core.Suites.Tools.Bfcl;
using CiGate.Core.Targets;

namespace CiGate.Core.Tests.Suites.Tools;

/// <summary>BFCL's checker rules one by one, on small hand-written items.</summary>
public sealed class BfclCheckerRuleTests
{
    private const string Function = """
        {"name": "geo.distance", "description": "d", "parameters": {"type": "dict", "properties": {
          "city": {"type": "string"}, "km": {"type": "float"}, "count": {"type": "integer"},
          "exact": {"type": "boolean"}, "stops": {"type": "array", "items": {"type": "string"}},
          "point": {"type": "tuple", "items": {"type": "float"}},
          "filters": {"type": "dict", "properties": {"kind": {"type": "string"}, "max": {"type": "integer"}}},
          "unit": {"type": "string"}},
          "required": ["city"]}}
        """;

    private const string Answer = """
        [{"geo.distance": {"city": ["New York, NY", "NYC"], "km": [2.5], "count": [3, ""],
          "exact": [true, ""], "stops": [["Boston", "Albany"], ""], "point": [[1.0, 2.0], ""],
          "filters": [{"kind": ["road"], "max": [5, ""]}, ""], "unit": ["", "km"]}}]
        """;

    [Theory]
    [InlineData("""{"city": "New York, NY", "km": 2.5}""")]
    [InlineData("""{"city": "new york ny", "km": 2.5}""")] // case, spaces and ,./-_*^ do not count
    [InlineData("""{"city": "NYC", "km": 2.5, "unit": "KM"}""")]
    [InlineData("""{"city": "NYC", "km": 2.5, "count": 3, "exact": true}""")]
    [InlineData("""{"city": "NYC", "km": 2.5, "stops": ["boston", "ALBANY"]}""")]
    [InlineData("""{"city": "NYC", "km": 2.5, "stops": []}""")] // "" accepted: BFCL reads it as the empty list
    [InlineData("""{"city": "NYC", "km": 2.5, "point": [1.0, 2.0]}""")] // a tuple arrives as a list
    [InlineData("""{"city": "NYC", "km": 2.5, "filters": {"kind": "Road"}}""")]
    [InlineData("""{"city": "NYC", "km": 2.5, "filters": {"kind": "road", "max": 5}}""")]
    public void Accepted_calls_validate(string arguments) =>
        Assert.Equal("valid", Check(arguments).ToString());

    [Fact]
    public void An_int_is_taken_where_a_float_is_expected_at_the_top_level_only()
    {
        const string Fn = """
            {"name": "f", "parameters": {"type": "dict", "properties": {"x": {"type": "float"},
              "xs": {"type": "array", "items": {"type": "float"}}}, "required": ["x"]}}
            """;
        const string Ans = """[{"f": {"x": [3.0], "xs": [[1.0, 2.0]]}}]""";
        const string Optional = """[{"f": {"x": [3.0], "xs": [[1.0, 2.0], ""]}}]""";

        Assert.True(Check("""{"x": 3, "xs": [1.0, 2.0]}""", Fn, Ans).Valid);
        var nested = Check("""{"x": 3, "xs": [1, 2]}""", Fn, Ans);
        Assert.Equal("type_error:nested", nested.ErrorType);
        Assert.Contains("Nested type checking failed for parameter 'xs'", nested.Reason, StringComparison.Ordinal);

        // BFCL's nested check passes any items once an accepted value is not a list (here ""), and
        // Python's == then takes [1, 2] for [1.0, 2.0]
        Assert.True(Check("""{"x": 3, "xs": [1, 2]}""", Fn, Optional).Valid);
    }

    [Theory]
    [InlineData("""{"km": 2.5}""", "simple_function_checker:missing_required", "geo_distance: Missing required")]
    [InlineData("""{"city": "NYC"}""", "simple_function_checker:missing_optional", "'km' not provided")]
    [InlineData("""{"city": "NYC", "km": 2.5, "speed": 1}""", "simple_function_checker:unexpected_param", "'speed'")]
    [InlineData("""{"city": "Boston", "km": 2.5}""", "value_error:string", "'city': 'Boston'")]
    [InlineData("""{"city": 7, "km": 2.5}""", "type_error:simple", "Expected type string, got int")]
    [InlineData("""{"city": "NYC", "km": "2.5"}""", "type_error:simple", "'km'. Expected type float, got str")]
    [InlineData("""{"city": "NYC", "km": 2.5, "count": 3.0}""", "type_error:simple", "integer, got float")]
    [InlineData("""{"city": "NYC", "km": 2.5, "count": true}""", "type_error:simple", "got bool")]
    [InlineData("""{"city": "NYC", "km": 2.5, "count": 4}""", "value_error:others", "'count': 4")]
    [InlineData("""{"city": "NYC", "km": 2.5, "stops": ["Albany", "Boston"]}""", "value_error:list/tuple", "'stops'")]
    [InlineData("""{"city": "NYC", "km": 2.5, "stops": [1, 2]}""", "value_error:list/tuple", "'stops': [1, 2]")]
    [InlineData("""{"city": "NYC", "km": 2.5, "filters": {"kind": "rail"}}""", "value_error:dict_value", "'kind'")]
    [InlineData("""{"city": "NYC", "km": 2.5, "filters": {"kind": "road", "x": 1}}""", "value_error:dict_key", "'x'")]
    [InlineData("""{"city": "NYC", "km": 2.5, "filters": {"max": 5}}""", "value_error:dict_key", "Missing dict key")]
    public void Rejected_calls_get_bfcl_error_types(string arguments, string errorType, string reason)
    {
        var verdict = Check(arguments, underscore: true);

        Assert.False(verdict.Valid);
        Assert.Equal(errorType, verdict.ErrorType);
        Assert.Contains(reason, verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dotted_name_is_called_with_underscores_unless_told_otherwise()
    {
        var functions = new[] { Parse(Function) };
        var answers = BfclDataset.ReadAnswer(JsonDocument.Parse(Answer).RootElement);
        ToolCall Called(string name) => new(null, name, """{"city": "NYC", "km": 2.5}""");

        Assert.True(BfclChecker.Check(BfclCategory.SimplePython, functions, [Called("geo_distance")], answers).Valid);
        Assert.Equal(
            "simple_function_checker:wrong_func_name",
            BfclChecker.Check(BfclCategory.SimplePython, functions, [Called("geo.distance")], answers).ErrorType);
        Assert.True(
            BfclChecker.Check(BfclCategory.SimplePython, functions, [Called("geo.distance")], answers, false).Valid);
    }

    [Fact]
    public void Arguments_that_are_not_a_json_object_do_not_decode()
    {
        var verdict = Check("""{"city": "NYC", """);

        Assert.Equal("ast_decoder:decoder_failed", verdict.ErrorType);
        Assert.Contains("geo_distance", verdict.Reason, StringComparison.Ordinal);
        Assert.Equal("ast_decoder:decoder_failed", Check("[1, 2]").ErrorType);
    }

    [Fact]
    public void Irrelevance_passes_when_no_call_decodes()
    {
        var functions = new[] { Parse(Function) };
        BfclVerdict Irrelevant(params ToolCall[] calls) =>
            BfclChecker.Check(BfclCategory.Irrelevance, functions, calls, []);

        Assert.True(Irrelevant().Valid);
        Assert.True(Irrelevant(new ToolCall(null, "geo_distance", "not json")).Valid);
        Assert.False(Irrelevant(new ToolCall(null, "geo_distance", """{"city": "x"}""")).Valid);
        Assert.False(Irrelevant(new ToolCall(null, "anything", "")).Valid);
    }

    [Fact]
    public void Parallel_calls_match_in_any_order_but_each_call_once()
    {
        const string Fn = """
            {"name": "w", "parameters": {"type": "dict", "properties": {"c": {"type": "string"}}, "required": ["c"]}}
            """;
        var functions = new[] { Parse(Fn) };
        var answers = BfclDataset.ReadAnswer(
            JsonDocument.Parse("""[{"w": {"c": ["a"]}}, {"w": {"c": ["b"]}}]""").RootElement);
        ToolCall W(string c) => new(null, "w", $$"""{"c": "{{c}}"}""");

        Assert.True(BfclChecker.Check(BfclCategory.Parallel, functions, [W("b"), W("a")], answers).Valid);
        var twice = BfclChecker.Check(BfclCategory.Parallel, functions, [W("a"), W("a")], answers);
        Assert.Equal("parallel_function_checker_no_order:cannot_find_match", twice.ErrorType);
        Assert.Contains("index 1 of possible answers (w)", twice.Reason, StringComparison.Ordinal);
        Assert.Equal(
            "parallel_function_checker_no_order:wrong_count",
            BfclChecker.Check(BfclCategory.Parallel, functions, [W("a")], answers).ErrorType);
    }

    [Fact]
    public void Python_equality_and_types_are_kept_from_json()
    {
        Assert.Equal(PyType.Int, PyValue.Parse("3").Type);
        Assert.Equal(PyType.Float, PyValue.Parse("3.0").Type);
        Assert.Equal(PyType.Float, PyValue.Parse("3e2").Type);
        Assert.True(PyValue.Parse("3").PyEquals(PyValue.Parse("3.0")));
        Assert.True(PyValue.Parse("true").PyEquals(PyValue.Parse("1")));
        Assert.False(PyValue.Parse("\"3\"").PyEquals(PyValue.Parse("3")));
        Assert.True(PyValue.Parse("""{"a": [1, 2.0]}""").PyEquals(PyValue.Parse("""{"a": [1.0, 2]}""")));
        Assert.Equal("{'a': [1, 2.0, 'x', True, None]}", PyValue.Parse("""{"a": [1, 2.0, "x", true, null]}""").Repr());
        Assert.Equal("""{"a":[1,2.0,"x"]}""", PyValue.Parse("""{"a": [1, 2.0, "x"]}""").ToJson());
        Assert.Equal("newyork\"s", BfclValueChecks.Standardize("New-York's"));
    }

    private static BfclFunction Parse(string json) => BfclFunction.From(JsonDocument.Parse(json).RootElement);

    private static BfclVerdict Check(
        string arguments, string function = Function, string answer = Answer, bool underscore = true)
    {
        var fn = Parse(function);
        var answers = BfclDataset.ReadAnswer(JsonDocument.Parse(answer).RootElement);
        var call = new ToolCall(null, BfclChecker.CalledName(fn.Name, underscore), arguments);
        return BfclChecker.Check(BfclCategory.SimplePython, [fn], [call], answers, underscore);
    }
}
