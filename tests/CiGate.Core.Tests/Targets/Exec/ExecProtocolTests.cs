using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CiGate.Core.Targets;
using CiGate.Core.Targets.Exec;

namespace CiGate.Core.Tests.Targets.Exec;

public sealed class ExecProtocolTests
{
    [Fact]
    public void A_request_line_carries_id_item_messages_vars_and_options()
    {
        var request = ExecApp.Ask("hi ünïcode", "case-1") with { Stop = ["\n\n"], Seed = null };

        var line = Encoding.UTF8.GetString(ExecProtocol.Request(request, "r7"));

        Assert.EndsWith("}\n", line, StringComparison.Ordinal);
        Assert.Equal(1, line.Count(c => c == '\n'));
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        Assert.Equal("request", root.GetProperty("type").GetString());
        Assert.Equal("r7", root.GetProperty("id").GetString());
        Assert.Equal("case-1", root.GetProperty("item").GetString());
        Assert.Equal("hi ünïcode", root.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("prompt").ValueKind);
        Assert.Equal("hi ünïcode", root.GetProperty("vars").GetProperty("q").GetString());
        Assert.Equal(64, root.GetProperty("options").GetProperty("max_tokens").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("options").GetProperty("seed").ValueKind);
        Assert.Equal("\n\n", root.GetProperty("options").GetProperty("stop")[0].GetString());
    }

    [Fact]
    public void The_request_surface_rides_on_the_request_line_only_when_set()
    {
        var surface = new RequestSurface(
            JsonNode.Parse(
                """[{"type":"function","function":{"name":"lookup","parameters":{"type":"object"}}}]""")!.AsArray(),
            JsonValue.Create("required"),
            false,
            JsonNode.Parse(
                """{"type":"json_schema","json_schema":{"name":"a","schema":{"type":"object"}}}""")!.AsObject());
        var plain = ExecApp.Ask("same", "case-1");

        var line = Encoding.UTF8.GetString(ExecProtocol.Request(plain with { Surface = surface }, "r1"));
        var without = Encoding.UTF8.GetString(
            ExecProtocol.Request(plain with { Surface = RequestSurface.Empty }, "r1"));

        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        Assert.Equal("lookup", root.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("required", root.GetProperty("tool_choice").GetString());
        Assert.False(root.GetProperty("parallel_tool_calls").GetBoolean());
        Assert.Equal("json_schema", root.GetProperty("response_format").GetProperty("type").GetString());
        Assert.Equal(Encoding.UTF8.GetString(ExecProtocol.Request(plain, "r1")), without);
        Assert.DoesNotContain("tools", without, StringComparison.Ordinal);
        Assert.NotEqual(
            ExecProtocol.Request(plain, null), ExecProtocol.Request(plain with { Surface = surface }, null));
    }

    [Fact]
    public void The_cache_input_leaves_out_the_id_and_the_item()
    {
        var first = ExecProtocol.Request(ExecApp.Ask("same", "case-1"), null);
        var second = ExecProtocol.Request(ExecApp.Ask("same", "case-2"), null);

        Assert.Equal(first, second);
        Assert.DoesNotContain("case-1", Encoding.UTF8.GetString(first), StringComparison.Ordinal);
    }

    [Fact]
    public void Replies_are_read_with_their_optional_fields()
    {
        var reply = ExecProtocol.Parse(
            """{"type":"response","id":"r1","output":"ok","tool_calls":[{"id":"c1","name":"f","arguments":{"a":1}},"""
            + """{"name":"g","arguments":"{\"b\":"}],"reasoning":"think","refusal":null,"finish_reason":"tool_calls","""
            + """ "usage":{"prompt_tokens":5,"completion_tokens":6,"cached_tokens":2},"model":"m","trace":{"x":[1]}}""");
        var error = ExecProtocol.Parse("""{"type":"error","id":"r2","message":"nope","retryable":true}""");
        var hello = ExecProtocol.Parse("""{"type":"hello","protocol":"cigate-exec/1","app":"a","version":"2"}""");

        Assert.Equal((ExecReplyKind.Response, "r1", "ok"), (reply.Kind, reply.Id, reply.Output));
        Assert.Equal([new ToolCall("c1", "f", """{"a":1}"""), new ToolCall(null, "g", """{"b":""")], reply.ToolCalls);
        Assert.Equal(("think", null, "tool_calls", "m"),
            (reply.Reasoning, reply.Refusal, reply.FinishReason, reply.Model));
        Assert.Equal(new TokenUsage(5, 6, 2, null), reply.Usage);
        Assert.Equal("""{"x":[1]}""", reply.Trace);
        Assert.Equal((ExecReplyKind.Error, "r2", "nope", true), (error.Kind, error.Id, error.Message, error.Retryable));
        Assert.Equal(("cigate-exec/1", "a", "2"), (hello.Protocol, hello.App, hello.Version));
    }

    [Theory]
    [InlineData("Loading model...")]
    [InlineData("{not json")]
    [InlineData("""{"level":"info","msg":"a log line in JSON"}""")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public void Lines_that_are_not_protocol_objects_are_other(string line) =>
        Assert.Equal(ExecReplyKind.Other, ExecProtocol.Parse(line).Kind);

    [Fact]
    public void A_response_without_output_is_a_problem_not_an_answer() =>
        Assert.Equal(
            "the response has no 'output' string", ExecProtocol.Parse("""{"type":"response","id":"r1"}""").Problem);

    [Theory]
    [InlineData("just text\n", "just text")]
    [InlineData("""{"answer": 4}""", """{"answer": 4}""")]
    [InlineData("""{"output":"from object"}""", "from object")]
    [InlineData("""{"type":"response","output":"typed"}""", "typed")]
    public void A_one_shot_stdout_is_a_reply_object_or_else_the_output(string stdout, string output) =>
        Assert.Equal(output, ExecProtocol.ParseOnce(stdout).Output);
}
