using System.Text.Json;
using System.Text.Json.Nodes;
using CiGate.Simulator.Tests.Support;

namespace CiGate.Simulator.Tests;

/// <summary>
/// The simulator answers tools with a scripted call, response_format with valid JSON, and reasoning when asked.
/// </summary>
public sealed class RequestSurfaceTests : IDisposable
{
    private const string Rules = """
        - match: "weather in"
          tool_call: get_weather
          arguments: '{"city": "$last_line"}'
          reply: "I cannot look that up."
          reasoning: "The user wants the weather."
        - match: "describe"
          reply: "A plain sentence."
        """;

    private static readonly object Tools = new[]
    {
        new { type = "function", function = new { name = "get_weather", parameters = new { type = "object" } } },
    };

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Offered_tools_get_the_scripted_call_and_no_tools_get_the_reply()
    {
        await using var server = await ScriptServers.StartAsync(_temp, Rules);
        using var client = new HttpClient();

        var called = await MessageAsync(client, server, "What is the weather in\nOslo", new() { ["tools"] = Tools });
        var plain = await MessageAsync(client, server, "What is the weather in\nOslo", []);

        var call = called.Message.GetProperty("tool_calls")[0];
        Assert.Equal("tool_calls", called.FinishReason);
        Assert.Equal(JsonValueKind.Null, called.Message.GetProperty("content").ValueKind);
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("""{"city": "Oslo"}""", call.GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("I cannot look that up.", plain.Message.GetProperty("content").GetString());
        Assert.False(plain.Message.TryGetProperty("tool_calls", out _));
    }

    [Fact]
    public async Task Response_format_gets_valid_json_and_reasoning_comes_only_when_asked()
    {
        await using var server = await ScriptServers.StartAsync(_temp, Rules);
        using var client = new HttpClient();
        var schema = new
        {
            type = "json_schema",
            json_schema = new
            {
                name = "d",
                schema = new { type = "object", properties = new { text = new { type = "string" }, score = new { type = "integer" }, tone = new { @enum = new[] { "calm", "loud" } } } },
            },
        };

        var asObject = await MessageAsync(
            client,
            server,
            "describe it",
            new() { ["response_format"] = new { type = "json_object" } });
        var bySchema = await MessageAsync(
            client,
            server,
            "describe it",
            new() { ["response_format"] = schema, ["reasoning_effort"] = "low" });
        var thinking = await MessageAsync(
            client,
            server,
            "weather in Rome",
            new() { ["chat_template_kwargs"] = new { enable_thinking = true } });

        Assert.Equal("""{"answer":"A plain sentence."}""", asObject.Message.GetProperty("content").GetString());
        Assert.False(asObject.Message.TryGetProperty("reasoning_content", out _));
        Assert.Equal("""{"text":"A plain sentence.","score":0,"tone":"calm"}""", JsonNode.Parse(bySchema.Message.GetProperty("content").GetString()!)!.ToJsonString());
        Assert.Equal("The question asks: describe it", bySchema.Message.GetProperty("reasoning_content").GetString());
        Assert.Equal("The user wants the weather.", thinking.Message.GetProperty("reasoning_content").GetString());
    }

    [Fact]
    public async Task Malformed_tools_are_a_400()
    {
        await using var server = await ScriptServers.StartAsync(_temp, Rules);
        using var client = new HttpClient();
        var body = SimHttp.Chat("cigate-sim", "weather in Oslo");
        body["tools"] = new[] { new { type = "function" } };

        using var response = await SimHttp.PostAsync(client, server, "chat/completions", body);

        Assert.Equal(400, (int)response.StatusCode);
    }

    private static async Task<(JsonElement Message, string? FinishReason)> MessageAsync(HttpClient client, SimulatorServer server, string prompt, Dictionary<string, object> extra)
    {
        var body = SimHttp.Chat("cigate-sim", prompt);
        foreach (var (key, value) in extra)
        {
            body[key] = value;
        }

        using var response = await SimHttp.PostAsync(client, server, "chat/completions", body);
        response.EnsureSuccessStatusCode();
        var choice = (await SimHttp.JsonAsync(response)).GetProperty("choices")[0];
        return (choice.GetProperty("message").Clone(), choice.GetProperty("finish_reason").GetString());
    }
}
