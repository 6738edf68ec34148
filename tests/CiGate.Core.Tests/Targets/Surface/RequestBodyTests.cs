using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CiGate.Core.Targets;

namespace CiGate.Core.Tests.Targets.Surface;

/// <summary>The bytes sent (and keyed) for the default request and for each key of the request surface.</summary>
public sealed class RequestBodyTests
{
    // The body every config without a request: block sent before the request surface existed, and its cache key:
    // a change here would miss every existing cache entry and change what servers receive.
    private const string DefaultBody =
        """{"model":"test-model","messages":[{"role":"system","content":"Answer briefly."},{"role":"user","content":"What is 2+2?"}],"max_tokens":64,"temperature":0,"seed":1234,"stop":["\n\n","Question:"]}""";

    private const string DefaultKey = "842c2f5408f3c718a8c876c04683472dad4f381567efda7bc476b28558d87e7b";

    private static readonly JsonEncodedText Model = JsonEncodedText.Encode("test-model");

    [Fact]
    public void Default_options_write_the_same_bytes_and_key_as_always()
    {
        byte[] body = RequestBodyWriter.Write(Model, TestTargets.Chat(), TargetRequestOptions.Default, null);

        Assert.Equal(DefaultBody, Encoding.UTF8.GetString(body));
        Assert.Equal(DefaultKey, ResponseCache.ComputeKey(new Uri("http://127.0.0.1:1/v1"), "test-model", body));
        Assert.Equal(body, RequestBodyWriter.Write(Model, TestTargets.Chat() with { Surface = RequestSurface.Empty }));
    }

    [Fact]
    public void Target_options_rename_the_token_limit_leave_out_sampling_and_add_top_p_and_effort()
    {
        var options = new TargetRequestOptions
        {
            MaxCompletionTokens = true, OmitTemperature = true, OmitSeed = true, TopP = 0.5, ReasoningEffort = "low",
        };

        string body = Encoding.UTF8.GetString(RequestBodyWriter.Write(Model, TestTargets.Chat(), options, null));

        Assert.EndsWith(
            """max_completion_tokens":64,"stop":["\n\n","Question:"],"top_p":0.5,"reasoning_effort":"low"}""",
            body,
            StringComparison.Ordinal);
        Assert.DoesNotContain("\"max_tokens\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("temperature", body, StringComparison.Ordinal);
        Assert.DoesNotContain("seed", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Surface_is_written_as_given_and_extra_body_replaces_keys_last()
    {
        var tools = (JsonArray)JsonNode.Parse("""[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]""")!;
        var format = (JsonObject)JsonNode.Parse("""{"type":"json_object"}""")!;
        var surface = new RequestSurface(tools, JsonValue.Create("required"), false, format);
        var extra = (JsonObject)JsonNode.Parse("""{"temperature":0.7,"chat_template_kwargs":{"enable_thinking":false}}""")!;

        string body = Encoding.UTF8.GetString(RequestBodyWriter.Write(
            Model,
            TestTargets.Chat() with { Surface = surface },
            TargetRequestOptions.Default,
            extra));
        using var parsed = JsonDocument.Parse(body);

        Assert.Contains(
            """seed":1234,"stop":["\n\n","Question:"],"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}],"tool_choice":"required","parallel_tool_calls":false,"response_format":{"type":"json_object"},"temperature":0.7,"chat_template_kwargs":{"enable_thinking":false}}""",
            body,
            StringComparison.Ordinal);
        Assert.Single(parsed.RootElement.EnumerateObject(), p => p.Name == "temperature");
    }
}
