using System.Text.Json.Nodes;
using CiGate.Core.Suites.Tools;
using CiGate.Core.Targets;

namespace CiGate.Core.Tests.Suites.Tools;

public sealed class MockRuntimeTests
{
    private static readonly Dictionary<string, string> NoWrites = new();

    [Fact]
    public void A_case_whose_when_matches_answers_before_the_static_result()
    {
        var mock = new ToolMock(
            "lookup",
            JsonNode.Parse("""{"status": "unknown"}"""),
            [new MockCase(new JsonObject { ["id"] = "A1" }, JsonNode.Parse("""{"status": "shipped"}"""), null),
             new MockCase(new JsonObject { ["id"] = "B2" }, null, "no such order")],
            null, null, NoWrites, null);
        var runtime = Runtime(mock);

        var a1 = runtime.Execute(Call("lookup", """{"id": "A1", "x": 1}"""));
        var b2 = runtime.Execute(Call("lookup", """{"id": "B2"}"""));
        var c3 = runtime.Execute(Call("lookup", """{"id": "C3"}"""));

        Assert.Equal(new ToolResult("""{"status":"shipped"}""", false), a1);
        Assert.Equal(new ToolResult("""{"error":"no such order"}""", true), b2);
        Assert.Equal(new ToolResult("""{"status":"unknown"}""", false), c3);
    }

    [Fact]
    public void Injected_errors_call_limits_unknown_tools_and_bad_arguments_are_error_results()
    {
        var failing = new ToolMock("pay", null, [], "payments are down", null, NoWrites, null);
        var once = new ToolMock("once", JsonValue.Create("done"), [], null, 1, NoWrites, null);
        var runtime = Runtime(failing, once);

        Assert.Equal("""{"error":"payments are down"}""", runtime.Execute(Call("pay", "{}")).Content);
        Assert.Equal(new ToolResult("done", false), runtime.Execute(Call("once", "{}")));
        Assert.True(runtime.Execute(Call("once", "{}")).IsError);
        Assert.Contains("unknown tool 'nope'", runtime.Execute(Call("nope", "{}")).Content, StringComparison.Ordinal);
        Assert.Contains("not a JSON object", runtime.Execute(Call("pay", "[1")).Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_copy_arguments_into_the_state_that_reads_return_and_each_runtime_starts_fresh()
    {
        var set = new ToolMock("set", null, [], null, null, new Dictionary<string, string> { ["city"] = "name" }, null);
        var get = new ToolMock("get", null, [], null, null, NoWrites, "city");
        var initial = new JsonObject { ["city"] = "Oslo" };
        var first = new MockRuntime(Index(set, get), initial);

        Assert.Equal("Oslo", first.Execute(Call("get", "{}")).Content);
        first.Execute(Call("set", """{"name": "Rome"}"""));
        Assert.Equal("Rome", first.Execute(Call("get", "{}")).Content);
        Assert.Equal("Oslo", (string?)initial["city"]);
        Assert.Equal("Oslo", new MockRuntime(Index(set, get), initial).Execute(Call("get", "{}")).Content);
    }

    private static MockRuntime Runtime(params ToolMock[] mocks) => new(Index(mocks), []);

    private static Dictionary<string, ToolMock> Index(params ToolMock[] mocks) =>
        mocks.ToDictionary(m => m.Name, StringComparer.Ordinal);

    private static ToolCall Call(string name, string arguments) => new("c", name, arguments);
}
