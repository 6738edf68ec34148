using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;
using ChatFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using ChatResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat;

namespace CiGate.Target.Tests;

/// <summary>What a request line becomes for an IChatClient, and what a ChatResponse becomes on the wire.</summary>
public sealed class MappingTests
{
    [Fact]
    public void Options_tools_tool_choice_and_a_json_schema_become_ChatOptions()
    {
        var request = Parse("""
            {"type":"request","id":"1","messages":[{"role":"user","content":"q"}],
             "options":{"max_tokens":64,"temperature":0.5,"seed":42,"stop":["\n\n","END"]},
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather in a city",
               "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}},
               {"type":"function","function":{"name":"now"}}],
             "tool_choice":{"type":"function","function":{"name":"get_weather"}},"parallel_tool_calls":false,
             "response_format":{"type":"json_schema","json_schema":{"name":"answer","description":"d",
               "schema":{"type":"object","properties":{"city":{"type":"string"}}}}}}
            """);

        var options = request.ToChatOptions();

        Assert.Equal(64, options.MaxOutputTokens);
        Assert.Equal(0.5f, options.Temperature);
        Assert.Equal(42, options.Seed);
        Assert.Equal(["\n\n", "END"], options.StopSequences!);
        var weather = Assert.IsAssignableFrom<AIFunctionDeclaration>(options.Tools![0]);
        Assert.Equal("get_weather", weather.Name);
        Assert.Equal("Weather in a city", weather.Description);
        Assert.Equal("city", weather.JsonSchema.GetProperty("required")[0].GetString());
        Assert.Equal("now", options.Tools[1].Name);
        Assert.Equal("get_weather", Assert.IsType<RequiredChatToolMode>(options.ToolMode).RequiredFunctionName);
        Assert.False(options.AllowMultipleToolCalls);
        var format = Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat);
        Assert.Equal("answer", format.SchemaName);
        var city = format.Schema!.Value.GetProperty("properties").GetProperty("city");
        Assert.Equal("string", city.GetProperty("type").GetString());
    }

    [Fact]
    public void Unset_options_stay_unset_and_simple_formats_map()
    {
        var plain = Parse("""
            {"type":"request","id":"1","prompt":"p",
             "options":{"max_tokens":null,"temperature":null,"seed":null,"stop":[]}}
            """);
        var json = Parse("""
            {"type":"request","id":"2","prompt":"p","tool_choice":"required","response_format":{"type":"json_object"}}
            """);

        var options = plain.ToChatOptions();

        Assert.Null(options.MaxOutputTokens);
        Assert.Null(options.Temperature);
        Assert.Null(options.Seed);
        Assert.Null(options.StopSequences);
        Assert.Null(options.Tools);
        Assert.Null(options.ResponseFormat);
        Assert.Null(options.AllowMultipleToolCalls);
        Assert.Same(ChatResponseFormat.Json, json.ToChatOptions().ResponseFormat);
        Assert.Same(ChatToolMode.RequireAny, json.ToChatOptions().ToolMode);
        Assert.Equal("p", Assert.Single(plain.ToChatMessages()).Text);
    }

    [Fact]
    public void A_malformed_response_format_is_a_non_retryable_target_error()
    {
        var request = Parse("""{"type":"request","id":"1","prompt":"p","response_format":{"type":"xml"}}""");

        var e = Assert.Throws<CiGateTargetException>(request.ToChatOptions);

        Assert.False(e.Retryable);
        Assert.Contains("response_format", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_map_roles_parts_earlier_tool_calls_and_tool_results()
    {
        var request = Parse("""
            {"type":"request","id":"1","messages":[
              {"role":"developer","content":"be brief"},
              {"role":"user","name":"ann","content":[{"type":"text","text":"look: "},
                {"type":"image_url","image_url":{"url":"https://example.test/a.png"}}]},
              {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function",
                "function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"c1","content":"sunny"}]}
            """);

        var messages = request.ToChatMessages();

        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool], messages.Select(m => m.Role));
        Assert.Equal("look: ", request.Messages[1].Content);
        Assert.Equal("ann", messages[1].AuthorName);
        Assert.Equal("https://example.test/a.png", Assert.IsType<UriContent>(messages[1].Contents[1]).Uri.ToString());
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(messages[2].Contents));
        Assert.Equal(("c1", "get_weather"), (call.CallId, call.Name));
        Assert.Equal("Paris", call.Arguments!["city"]?.ToString());
        var result = Assert.IsType<FunctionResultContent>(Assert.Single(messages[3].Contents));
        Assert.Equal(("c1", "sunny"), (result.CallId, result.Result as string));
    }

    [Fact]
    public void A_chat_response_maps_text_tool_calls_reasoning_refusal_usage_and_model()
    {
        var raw = ChatToolCall.CreateFunctionToolCall(
            "call_9", "get_weather", BinaryData.FromString("""{"city": "Paris",}"""));
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant,
        [
            new TextReasoningContent("First, "),
            new TextReasoningContent("think."),
            new TextContent("It is "),
            new TextContent("sunny."),
            new FunctionCallContent("call_9", "get_weather") { RawRepresentation = raw },
            new FunctionCallContent("call_10", "now", new Dictionary<string, object?> { ["tz"] = "UTC" }),
            new ErrorContent("I can't help with that.") { ErrorCode = "Refusal" },
        ]))
        {
            FinishReason = ChatFinishReason.ToolCalls,
            ModelId = "gpt-test",
            Usage = new UsageDetails
            {
                InputTokenCount = 11, OutputTokenCount = 13, CachedInputTokenCount = 4, ReasoningTokenCount = 6,
            },
        };

        var reply = TargetReply.FromChatResponse(response);

        Assert.Equal("It is sunny.", reply.Output);
        Assert.Equal("First, think.", reply.Reasoning);
        Assert.Equal("I can't help with that.", reply.Refusal);
        Assert.Equal("tool_calls", reply.FinishReason);
        Assert.Equal("gpt-test", reply.Model);
        Assert.Equal(
            new TargetUsage { PromptTokens = 11, CompletionTokens = 13, CachedTokens = 4, ReasoningTokens = 6 },
            reply.Usage);
        // The model's own (invalid) argument text, kept from the SDK's tool call; parsed arguments re-serialized.
        Assert.Equal(new TargetToolCall("call_9", "get_weather", """{"city": "Paris",}"""), reply.ToolCalls[0]);
        Assert.Equal(new TargetToolCall("call_10", "now", """{"tz":"UTC"}"""), reply.ToolCalls[1]);
    }

    [Fact]
    public void A_plain_response_has_no_optional_fields()
    {
        var reply = TargetReply.FromChatResponse(new ChatResponse(new ChatMessage(ChatRole.Assistant, "hi")));

        Assert.Equal("hi", reply.Output);
        Assert.Empty(reply.ToolCalls);
        Assert.Null(reply.Reasoning);
        Assert.Null(reply.Refusal);
        Assert.Null(reply.Usage);
        Assert.Null(reply.FinishReason);
    }

    private static TargetRequest Parse(string line) =>
        Assert.IsType<ProtocolLine.Request>(ProtocolJson.Read(line.ReplaceLineEndings(" "))).Value;
}
