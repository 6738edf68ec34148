using System.Text.Json.Nodes;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Prompts.Assertions;
using CiGate.Core.Targets;

namespace CiGate.Core.Tests.Suites.Prompts.Assertions;

/// <summary>Assertions that read the reasoning, the refusal or the tool calls instead of the answer.</summary>
public sealed class ResponsePartAssertionTests
{
    private static readonly JsonArray Tools = (JsonArray)JsonNode.Parse("""
        [{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","required":["city"],
          "properties":{"city":{"type":"string"}},"additionalProperties":false}}}]
        """)!;

    [Theory]
    [InlineData("- { type: contains, value: Paris }", false)] // the answer is empty: the model called a tool
    [InlineData("- { type: contains, value: Paris, on: tool_calls }", true)]
    [InlineData("- { type: json-path, on: tool_calls, value: { path: '$[0].function.arguments.city', equals: Paris } }", true)]
    [InlineData("- { type: json-path, on: tool_calls, value: { path: '$[0].function.name', equals: get_time } }", false)]
    [InlineData("- { type: is-json, on: tool_calls }", true)]
    [InlineData("- { type: icontains, value: WEATHER, on: reasoning }", true)]
    [InlineData("- { type: not-contains, value: weather, on: reasoning }", false)]
    [InlineData("- { type: equals, value: '', on: refusal }", true)]
    [InlineData("- type: is-valid-openai-tools-call", true)]
    [InlineData("- { type: tool-call, value: get_weather }", true)]
    [InlineData("- { type: tool-call, value: { name: get_weather, arguments: { city: Paris } } }", true)]
    [InlineData("- { type: tool-call, value: { name: get_weather, arguments: { city: Rome } } }", false)]
    [InlineData("- { type: not-tool-call, value: get_time }", true)]
    public async Task Each_part_is_read_on_its_own(string yaml, bool pass)
    {
        var result = await Asserts.One(yaml).EvaluateAsync(Called("""{"city":"Paris"}"""), TestContext.Current.CancellationToken);

        Assert.True(pass == result.Pass, result.Reason);
        Assert.False(result.Error);
    }

    [Theory]
    [InlineData("- { type: contains, value: '3 + 4', on: tool_calls }")]
    [InlineData("- { type: contains, value: 'Zürich <café> & co', on: tool_calls }")]
    public async Task Tool_calls_are_read_as_the_model_wrote_them_not_json_escaped(string yaml)
    {
        var arguments = """{"expr":"3 + 4","city":"Zürich <café> & co"}""";

        var result = await Asserts.One(yaml).EvaluateAsync(Called(arguments), TestContext.Current.CancellationToken);

        Assert.True(result.Pass, result.Reason);
    }

    [Fact]
    public async Task A_failing_tool_call_names_its_arguments_unescaped()
    {
        var yaml = "- { type: tool-call, value: { name: get_weather, arguments: { expr: '1 + 1' } } }";

        var result = await Asserts.One(yaml).EvaluateAsync(Called("""{"expr":"3 + 4"}"""), TestContext.Current.CancellationToken);

        Assert.False(result.Pass);
        Assert.Contains("1 + 1", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u002B", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("get_time", """{"city":"Paris"}""", "not one of the offered tools")]
    [InlineData("get_weather", """{"city": 3}""", "parameters schema")]
    [InlineData("get_weather", "{city: Paris", "not a JSON object")]
    public async Task Is_valid_openai_tools_call_fails_on_an_unknown_tool_or_bad_arguments(
        string name,
        string arguments,
        string reason)
    {
        var context = Called(arguments) with { ToolCalls = [new ToolCall("c", name, arguments)] };

        var result = await Asserts.One("- type: is-valid-openai-tools-call").EvaluateAsync(
            context,
            TestContext.Current.CancellationToken);

        Assert.False(result.Pass);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_refusal_is_a_refusal_and_readable_on_refusal()
    {
        var context = Asserts.Context("") with { Refusal = "I can't help with that request." };

        var refusal = await Asserts.One("- type: is-refusal").EvaluateAsync(
            context,
            TestContext.Current.CancellationToken);
        var text = await Asserts.One("- { type: contains, value: \"can't help\", on: refusal }").EvaluateAsync(
            context,
            TestContext.Current.CancellationToken);

        Assert.True(refusal.Pass, refusal.Reason);
        Assert.True(text.Pass, text.Reason);
    }

    [Theory]
    [InlineData("- { type: contains, value: a, on: answer }", "must be one of output, reasoning, tool_calls, refusal")]
    [InlineData("- { type: latency, threshold: 100, on: reasoning }", "judges the call itself")]
    [InlineData("- { type: is-valid-openai-tools-call, on: tool_calls }", "judges the call itself")]
    public void A_wrong_on_is_one_error(string yaml, string message)
    {
        var error = Asserts.Error(yaml);

        Assert.Equal(DiagnosticCodes.InvalidAssertionSubject, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static AssertionContext Called(string arguments) => Asserts.Context("") with
    {
        ToolCalls = [new ToolCall("call_1", "get_weather", arguments)],
        Tools = Tools,
        Reasoning = "The user wants the weather in Paris.",
    };
}
