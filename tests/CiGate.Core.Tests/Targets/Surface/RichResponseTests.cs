using System.Text;
using System.Text.Json;
using CiGate.Core.Results;
using CiGate.Core.Targets;

namespace CiGate.Core.Tests.Targets.Surface;

/// <summary>
/// Tool calls, refusal, reasoning and usage details: parsed, cached and recorded per item; old lines still read.
/// </summary>
public sealed class RichResponseTests
{
    private const string Rich = """
        {"model":"m","system_fingerprint":"fp_1","choices":[{"index":0,"finish_reason":"tool_calls","message":{
          "role":"assistant","content":null,"refusal":"I can't help with that.","reasoning_content":"Think first.",
          "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
                        {"id":"call_2","type":"function","function":{"name":"get_time","arguments":{"tz":"CET"}}}]}}],
         "usage":{"prompt_tokens":10,"completion_tokens":20,"prompt_tokens_details":{"cached_tokens":8,"audio_tokens":0},
                  "completion_tokens_details":{"reasoning_tokens":12}}}
        """;

    [Fact]
    public void The_parser_keeps_tool_calls_refusal_reasoning_and_usage_details_apart_from_the_answer()
    {
        bool ok = ResponseParser.TryParse(
            Encoding.UTF8.GetBytes(Rich),
            TargetApi.Chat,
            "m",
            out ParsedCompletion parsed,
            out string problem);

        Assert.True(ok, problem);
        Assert.Equal("", parsed.Text);
        Assert.Equal("tool_calls", parsed.FinishReason);
        Assert.Equal("I can't help with that.", parsed.Refusal);
        Assert.Equal("Think first.", parsed.Reasoning);
        Assert.Equal(new TokenUsage(10, 20, 8, 12), parsed.Usage);
        Assert.Equal([new ToolCall("call_1", "get_weather", """{"city":"Paris"}"""), new ToolCall("call_2", "get_time", """{"tz":"CET"}""")], parsed.ToolCalls);
    }

    [Fact]
    public void Reasoning_is_read_under_either_name()
    {
        const string json = """{"choices":[{"message":{"role":"assistant","content":"4","reasoning":"2+2"}}]}""";

        Assert.True(ResponseParser.TryParse(
            Encoding.UTF8.GetBytes(json),
            TargetApi.Chat,
            "m",
            out ParsedCompletion parsed,
            out _));

        Assert.Equal("2+2", parsed.Reasoning);
        Assert.Equal("4", parsed.Text);
        Assert.Empty(parsed.ToolCalls);
    }

    [Fact]
    public void A_cache_line_round_trips_the_extras_and_an_old_line_reads_as_none()
    {
        var response = new CachedResponse("", "tool_calls", new TokenUsage(1, 2, 3, 4), "m", "fp")
        {
            ToolCalls = [new ToolCall(null, "f", "{}")], Reasoning = "r", Refusal = "no",
        };
        const string oldLine = """{"key":"k","text":"hi","finish_reason":"stop","usage":{"prompt_tokens":1,"completion_tokens":2},"served_model":"m","system_fingerprint":null}""";

        Assert.True(CacheLineCodec.TryDecode(CacheLineCodec.Encode("k", response), out _, out CachedResponse? back));
        Assert.True(CacheLineCodec.TryDecode(Encoding.UTF8.GetBytes(oldLine), out _, out CachedResponse? old));

        Assert.Equal(response.ToolCalls, back.ToolCalls);
        Assert.Equal(("r", "no", response.Usage), (back.Reasoning, back.Refusal, back.Usage));
        Assert.Equal(new CachedResponse("hi", "stop", new TokenUsage(1, 2), "m", null), old);
        Assert.Equal(oldLine + "\n", Encoding.UTF8.GetString(CacheLineCodec.Encode("k", old)));
    }

    [Fact]
    public void An_item_line_writes_the_extras_only_when_present_and_reads_them_back()
    {
        var plain = new ItemRecord { Suite = "s", Target = "t", Item = "i", PromptHash = "h", Output = "x", PromptTokens = 1, CompletionTokens = 2 };
        var rich = plain with
        {
            SystemFingerprint = "fp", CachedTokens = 1, ReasoningTokens = 2, Reasoning = "why", Refusal = "no",
            ToolCalls = [new ToolCall("c", "f", """{"a":1}""")],
        };

        string plainLine = Line(plain);
        ItemRecord back = ItemJson.Parse(Encoding.UTF8.GetBytes(Line(rich)));

        Assert.Equal(
            """{"suite":"s","target":"t","item":"i","repeat":0,"prompt_hash":"h","output":"x","extracted":{},"scores":{},"latency_ms":0,"usage":{"prompt_tokens":1,"completion_tokens":2},"attempts":0,"cached":false}""",
            plainLine);
        Assert.Equal(
            ("fp", 1, 2, "why", "no"),
            (back.SystemFingerprint, back.CachedTokens, back.ReasoningTokens, back.Reasoning, back.Refusal));
        Assert.Equal(rich.ToolCalls, back.ToolCalls);
        Assert.Null(ItemJson.Parse(Encoding.UTF8.GetBytes(plainLine)).ToolCalls);
    }

    private static string Line(ItemRecord record)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            ItemJson.Write(writer, record);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
