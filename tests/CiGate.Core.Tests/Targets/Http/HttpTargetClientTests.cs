using System.Diagnostics;
using System.Text.Json;
using CiGate.Core.Diagnostics;
using CiGate.Core.Targets;

namespace CiGate.Core.Tests.Targets.Http;

/// <summary>The http target client against a scripted server on 127.0.0.1: request built from the case, reply mapped, failures as model targets have them.</summary>
public sealed class HttpTargetClientTests
{
    private const string Reply = """
        {"result": {"text": "12"}, "meta": {"tokens": {"in": 5, "out": 1}, "engine": "calc-1"},
         "calls": [{"id": "c1", "name": "add", "arguments": {"a": 5, "q": "5 + 7 <é>"}}, {"function": {"name": "log", "arguments": "{}"}}],
         "trace": {"steps": ["parse", "add"]}}
        """;

    private static readonly ModelRequest Request =
        new(TargetApi.Chat, [new ChatMessage("system", "Be brief."), new ChatMessage("user", "What is 5 + 7?")], null, 64, [], 0, null)
        {
            Vars = new Dictionary<string, object?> { ["question"] = "What is 5 + 7?", ["lang"] = "en" },
            ItemId = "case-1",
        };

    [Fact]
    public async Task The_request_is_rendered_from_the_case_and_the_reply_mapped_by_the_pointers()
    {
        await using var server = FakeOpenAIServer.Start(new FakeReply(Body: Reply));
        await using var client = Client(server, "retries: { max_attempts: 1 }");

        var response = await client.CompleteAsync(Request, TestContext.Current.CancellationToken);

        var seen = Assert.Single(server.Requests);
        Assert.Equal(("PUT", "/v1/en/answer"), (seen.Method, seen.Path));
        Assert.Equal("Bearer secret-app-token-1", seen.Header("Authorization"));
        Assert.Equal(
            """{"question":"What is 5 + 7?","history":[{"role":"system","content":"Be brief."},{"role":"user","content":"What is 5 + 7?"}],"case":"case-1","note":"asked: \"What is 5 + 7?\"","top_k":3,"exact":true}""",
            seen.Body);
        Assert.Equal("12", response.Text);
        Assert.Equal(new TokenUsage(5, 1), response.Usage);
        Assert.Equal("calc-1", response.ServedModel);
        Assert.Equal([new ToolCall("c1", "add", """{"a":5,"q":"5 + 7 <é>"}"""), new ToolCall(null, "log", "{}")], response.ToolCalls);
        Assert.Equal("""{"steps":["parse","add"]}""", response.Trace);
        Assert.Equal(1, response.Attempts);
    }

    [Fact]
    public async Task A_reply_without_the_output_pointer_is_a_bad_response_retried_then_named()
    {
        await using var server = FakeOpenAIServer.Start(new FakeReply(Body: """{"answer": "12"}"""));
        await using var client = Client(server, "retries: { max_attempts: 3, initial_delay: 1ms, max_delay: 5ms }");

        var error = await Assert.ThrowsAsync<TargetException>(() => client.CompleteAsync(Request, TestContext.Current.CancellationToken));

        Assert.Equal(TargetErrorKind.BadResponse, error.Kind);
        Assert.Equal(3, server.Requests.Count);
        Assert.Contains("response.output /result/text is not in the reply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_waits_for_its_Retry_After_and_a_5xx_and_a_reset_are_retried()
    {
        await using var server = FakeOpenAIServer.Start(
            FakeReply.Error(429, "slow down", new Dictionary<string, string> { ["Retry-After"] = "1" }),
            FakeReply.Error(500, "boom for Bearer secret-app-token-1"),
            new FakeReply(Abort: true),
            new FakeReply(Body: Reply));
        await using var client = Client(server, "retries: { max_attempts: 4, initial_delay: 1ms, max_delay: 5s }");

        var started = Stopwatch.GetTimestamp();
        var response = await client.CompleteAsync(Request, TestContext.Current.CancellationToken);

        Assert.Equal(4, response.Attempts);
        Assert.InRange(Stopwatch.GetElapsedTime(started).TotalSeconds, 0.95, 30);
        Assert.Equal("12", response.Text);
    }

    [Fact]
    public async Task A_4xx_is_rejected_at_once_and_an_echoed_secret_is_masked_in_the_message()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Error(401, "bad token Bearer secret-app-token-1"));
        await using var client = Client(server, "retries: { max_attempts: 4 }");

        var error = await Assert.ThrowsAsync<TargetException>(() => client.CompleteAsync(Request, TestContext.Current.CancellationToken));

        Assert.Equal((TargetErrorKind.Rejected, 1), (error.Kind, server.Requests.Count));
        Assert.DoesNotContain("secret-app-token-1", error.Message, StringComparison.Ordinal);
        Assert.Contains("bad token ***", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_joins_the_output_deltas_and_keeps_the_last_usage()
    {
        const string events = """
            : a comment
            data: {"delta": "The answer"}

            event: chunk
            data: {"delta": " is 12"}

            data: {"meta": {"tokens": {"in": 5, "out": 4}, "engine": "calc-1"}, "trace": [1]}

            data: [DONE]


            """;
        await using var server = FakeOpenAIServer.Start(new FakeReply(Body: events.ReplaceLineEndings("\n")));
        await using var client = Client(server, "stream: sse", output: "/delta");

        var response = await client.CompleteAsync(Request, TestContext.Current.CancellationToken);

        Assert.Equal("The answer is 12", response.Text);
        Assert.Equal(new TokenUsage(5, 4), response.Usage);
        Assert.Equal("[1]", response.Trace);
        Assert.Equal("text/event-stream", Assert.Single(server.Requests).Header("Accept"));
    }

    [Fact]
    public async Task The_cache_answers_the_same_rendered_request_and_holds_no_secret()
    {
        using var folder = new Config.TempFolder();
        var echo = Reply.Replace("\"parse\"", "\"Bearer secret-app-token-1\"", StringComparison.Ordinal);
        await using var server = FakeOpenAIServer.Start(new FakeReply(Body: echo));
        await using (var cache = await ResponseCache.OpenAsync(folder.Path, TestContext.Current.CancellationToken))
        {
            await using var client = Client(server, "retries: { max_attempts: 1 }", cache: cache);
            var first = await client.CompleteAsync(Request, TestContext.Current.CancellationToken);
            var second = await client.CompleteAsync(Request, TestContext.Current.CancellationToken);
            var other = await client.CompleteAsync(Request with { Vars = new Dictionary<string, object?> { ["question"] = "x", ["lang"] = "en" } }, TestContext.Current.CancellationToken);

            Assert.False(first.FromCache);
            Assert.True(second.FromCache);
            Assert.False(other.FromCache);
            Assert.Equal(first.Text, second.Text);
            Assert.Equal(first.ToolCalls, second.ToolCalls);
            Assert.Equal("""{"steps":["***","add"]}""", second.Trace);
            Assert.Equal(2, server.Requests.Count);
        }

        var stored = await File.ReadAllTextAsync(Path.Combine(folder.Path, ResponseCache.FileName), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("secret-app-token-1", stored, StringComparison.Ordinal);
        Assert.Equal(2, stored.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task A_header_value_is_a_template_whose_written_secret_is_resolved_and_a_case_text_is_not()
    {
        const string Headers = """{ Authorization: "Bearer ${env:CIGATE_HTTP_TEST_TOKEN}", X-Case: "{{ item_id }}/{{ vars.lang }}",""" +
            """ X-Ask: "{{ vars.question }} ${env:CIGATE_HTTP_TEST_TOKEN}" }""";
        await using var server = FakeOpenAIServer.Start(new FakeReply(Body: Reply));
        await using var client = Client(server, "retries: { max_attempts: 1 }", headers: Headers);
        var sneaky = Request with { Vars = new Dictionary<string, object?> { ["question"] = "${env:HOME}", ["lang"] = "de" } };
        var broken = Request with { Vars = new Dictionary<string, object?> { ["question"] = "a\nb", ["lang"] = "en" } };

        await client.CompleteAsync(Request, TestContext.Current.CancellationToken);
        await client.CompleteAsync(sneaky, TestContext.Current.CancellationToken);
        var thrown = await Assert.ThrowsAsync<CiGateException>(
            () => client.CompleteAsync(broken, TestContext.Current.CancellationToken));
        var error = Assert.Single(thrown.Diagnostics);

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("Bearer secret-app-token-1", server.Requests[0].Header("Authorization"));
        Assert.Equal("case-1/en", server.Requests[0].Header("X-Case"));
        Assert.Equal("What is 5 + 7? secret-app-token-1", server.Requests[0].Header("X-Ask"));
        Assert.Equal("case-1/de", server.Requests[1].Header("X-Case"));
        Assert.Equal("${env:HOME} secret-app-token-1", server.Requests[1].Header("X-Ask"));
        Assert.Equal("CIGATE0313", error.Code);
        Assert.Contains("header 'X-Ask' rendered a line break", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, error.Line);
    }

    [Fact]
    public async Task A_templated_header_is_keyed_as_rendered_with_its_secret_unresolved()
    {
        using var folder = new Config.TempFolder();
        const string Headers = """{ X-Lang: "{{ vars.lang }} ${env:CIGATE_HTTP_TEST_TOKEN}" }""";
        await using var server = FakeOpenAIServer.Start(new FakeReply(Body: Reply));
        await using (var cache = await ResponseCache.OpenAsync(folder.Path, TestContext.Current.CancellationToken))
        {
            await using var client = Client(server, "retries: { max_attempts: 1 }", cache: cache, headers: Headers);
            var german = Request with { Vars = new Dictionary<string, object?> { ["question"] = "What is 5 + 7?", ["lang"] = "de" } };

            var first = await client.CompleteAsync(Request, TestContext.Current.CancellationToken);
            var again = await client.CompleteAsync(Request, TestContext.Current.CancellationToken);
            var other = await client.CompleteAsync(german, TestContext.Current.CancellationToken);

            Assert.False(first.FromCache);
            Assert.True(again.FromCache);
            Assert.False(other.FromCache);
            Assert.Equal(2, server.Requests.Count);
            Assert.Equal("de secret-app-token-1", server.Requests[1].Header("X-Lang"));
        }

        var stored = await File.ReadAllTextAsync(Path.Combine(folder.Path, ResponseCache.FileName), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("secret-app-token-1", stored, StringComparison.Ordinal);
    }

    private static ITargetClient Client(
        FakeOpenAIServer server,
        string extra,
        string output = "/result/text",
        ResponseCache? cache = null,
        string headers = """{ Authorization: "Bearer ${env:CIGATE_HTTP_TEST_TOKEN}" }""")
    {
        Environment.SetEnvironmentVariable("CIGATE_HTTP_TEST_TOKEN", "secret-app-token-1");
        var port = server.BaseUrl.Port;
        var target = HttpTargetConfigTests.Load($$$"""
            targets:
              app:
                type: http
                url: "http://127.0.0.1:{{{port}}}/v1/{{ vars.lang }}/answer"
                method: PUT
                headers: {{{headers}}}
                body:
                  question: "{{ vars.question }}"
                  history: "{{ messages | json }}"
                  case: "{{ item_id }}"
                  note: "asked: {{ vars.question | json }}"
                  top_k: 3
                  exact: true
                response:
                  output: {{{output}}}
                  tool_calls: /calls
                  usage: { prompt_tokens: /meta/tokens/in, completion_tokens: /meta/tokens/out }
                  model: /meta/engine
                  trace: /trace
                timeout: 10s
                {{{extra}}}
            """);
        return TargetClientFactory.Create(target.Config, cache);
    }
}
