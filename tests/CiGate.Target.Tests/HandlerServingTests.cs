using System.Globalization;
using System.Text.Json.Nodes;
using CiGate.Target.Tests.Support;

namespace CiGate.Target.Tests;

/// <summary>The library serving a delegate: errors, malformed lines, concurrency, end of input.</summary>
public sealed class HandlerServingTests
{
    [Fact]
    public async Task A_delegates_reply_carries_every_optional_field_and_the_request_reaches_it_whole()
    {
        TargetRequest? seen = null;
        await using var target = InProcessTarget.Serve((request, _) =>
        {
            seen = request;
            return Task.FromResult(new TargetReply
            {
                Output = "line one\nline two",
                ToolCalls = [new TargetToolCall("call_1", "lookup", """{"city":"Paris"}""")],
                Reasoning = "thought",
                Refusal = "no",
                FinishReason = "tool_calls",
                Usage = new TargetUsage
                {
                    PromptTokens = 5, CompletionTokens = 7, CachedTokens = 2, ReasoningTokens = 3,
                },
                Model = "m",
                Trace = new JsonObject { ["docs"] = new JsonArray("a", "b") },
            });
        });

        await target.Peer.SendAsync("""
            {"type":"request","id":"x","item":"case-9","messages":[{"role":"user","content":"hi"}],
             "prompt":null,"vars":{"city":"Paris","n":3},
             "options":{"max_tokens":50,"temperature":null,"seed":4,"stop":["END"]},
             "tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object"}}}],
             "response_format":{"type":"json_object"}}
            """.ReplaceLineEndings(" "));
        var reply = await target.Peer.ReceiveRequiredAsync();

        Assert.Equal("x", seen!.Id);
        Assert.Equal("case-9", seen.Item);
        Assert.Equal("hi", Assert.Single(seen.Messages).Content);
        Assert.Equal("Paris", seen.Vars["city"].GetString());
        Assert.Equal(3, seen.Vars["n"].GetInt32());
        Assert.Equal(50, seen.Options.MaxTokens);
        Assert.Null(seen.Options.Temperature);
        Assert.Equal(4, seen.Options.Seed);
        Assert.Equal(["END"], seen.Options.Stop);
        Assert.Equal("lookup", Assert.Single(seen.Tools).GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("json_object", seen.ResponseFormat!.Value.GetProperty("type").GetString());

        Assert.Equal("line one\nline two", reply.GetProperty("output").GetString());
        Assert.DoesNotContain('\n', target.Peer.RawLines[0]);
        var call = Assert.Single(reply.GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("call_1", call.GetProperty("id").GetString());
        Assert.Equal("lookup", call.GetProperty("name").GetString());
        Assert.Equal("""{"city":"Paris"}""", call.GetProperty("arguments").GetString());
        Assert.Equal("thought", reply.GetProperty("reasoning").GetString());
        Assert.Equal("no", reply.GetProperty("refusal").GetString());
        Assert.Equal("tool_calls", reply.GetProperty("finish_reason").GetString());
        var usage = reply.GetProperty("usage");
        Assert.Equal([5, 7, 2, 3], new[] { "prompt_tokens", "completion_tokens", "cached_tokens", "reasoning_tokens" }
            .Select(n => usage.GetProperty(n).GetInt64()));
        Assert.Equal("m", reply.GetProperty("model").GetString());
        Assert.Equal("b", reply.GetProperty("trace").GetProperty("docs")[1].GetString());
    }

    [Fact]
    public async Task Handler_exceptions_become_error_replies_with_the_retryable_flag_they_call_for()
    {
        await using var target = InProcessTarget.Serve((request, _) => request.Id switch
        {
            "bug" => throw new InvalidOperationException("the app broke\nin two lines"),
            "busy" => throw new CiGateTargetException("upstream busy", retryable: true),
            "net" => Task.FromException<TargetReply>(new HttpRequestException("connection refused")),
            "null" => Task.FromResult<TargetReply>(null!),
            _ => Task.FromResult(new TargetReply { Output = "fine" }),
        });

        foreach (var id in new[] { "bug", "busy", "net", "null", "ok" })
        {
            await target.Peer.SendAsync(ProtocolPeer.Request(id, "q"));
        }

        var replies = await target.Peer.ReceiveManyAsync(5);

        Assert.Equal(
            "InvalidOperationException: the app broke in two lines", replies["bug"].GetProperty("message").GetString());
        Assert.False(replies["bug"].GetProperty("retryable").GetBoolean());
        Assert.Equal("upstream busy", replies["busy"].GetProperty("message").GetString());
        Assert.True(replies["busy"].GetProperty("retryable").GetBoolean());
        Assert.True(replies["net"].GetProperty("retryable").GetBoolean());
        Assert.Equal("error", replies["null"].GetProperty("type").GetString());
        Assert.Equal("fine", replies["ok"].GetProperty("output").GetString());
        Assert.Contains(
            "request bug (item case-bug): InvalidOperationException", target.Logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_lines_are_answered_when_they_have_an_id_and_logged_when_not()
    {
        await using var target = InProcessTarget.Serve((_, _) => Task.FromResult(new TargetReply { Output = "ok" }));

        await target.Peer.SendAsync("this is not json");
        await target.Peer.SendAsync("[1,2]");
        await target.Peer.SendAsync("""{"type":"request","messages":[{"role":"user","content":"no id"}]}""");
        await target.Peer.SendAsync("""{"type":"request","id":"empty"}""");
        await target.Peer.SendAsync("""{"type":"request","id":"badopt","prompt":"p","options":{"max_tokens":1.5}}""");
        await target.Peer.SendAsync("""{"type":"request","id":"norole","messages":[{"content":"x"}]}""");
        await target.Peer.SendAsync("""{"type":"cancel","id":"what"}""");
        await target.Peer.SendAsync("");
        await target.Peer.SendAsync(ProtocolPeer.Request("after", "still serving"));
        var replies = await target.Peer.ReceiveManyAsync(5);

        foreach (var id in new[] { "empty", "badopt", "norole", "what" })
        {
            Assert.Equal("error", replies[id].GetProperty("type").GetString());
            Assert.False(replies[id].GetProperty("retryable").GetBoolean());
        }

        Assert.Contains("neither", replies["empty"].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(
            "unknown line type 'cancel'", replies["what"].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("ok", replies["after"].GetProperty("output").GetString());
        Assert.Contains("line 1: not JSON", target.Logged, StringComparison.Ordinal);
        Assert.Contains("line 2: a line must be a JSON object", target.Logged, StringComparison.Ordinal);
        Assert.Contains("line 3: a request needs a string \"id\"", target.Logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_more_handlers_run_at_once_than_MaxConcurrency_and_replies_come_in_any_order()
    {
        var running = 0;
        var peak = 0;
        var gates = Enumerable.Range(0, 12).Select(_ => new TaskCompletionSource()).ToArray();
        await using var target = InProcessTarget.Serve(
            async (request, _) =>
            {
                InterlockedMax(ref peak, Interlocked.Increment(ref running));
                await gates[int.Parse(request.Id, CultureInfo.InvariantCulture)].Task;
                Interlocked.Decrement(ref running);
                return new TargetReply { Output = "r" + request.Id };
            },
            new CiGateTargetOptions { MaxConcurrency = 4 });

        for (var i = 0; i < 12; i++)
        {
            await target.Peer.SendAsync(ProtocolPeer.Request(i.ToString(CultureInfo.InvariantCulture), "q"));
        }

        await WaitUntilAsync(() => Volatile.Read(ref running) == 4);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var heldAtFour = Volatile.Read(ref running);
        // Released out of order: the replies follow the release, not the requests.
        gates[3].SetResult();
        var first = await target.Peer.ReceiveRequiredAsync();
        gates[1].SetResult();
        var second = await target.Peer.ReceiveRequiredAsync();
        foreach (var gate in gates)
        {
            gate.TrySetResult();
        }

        var rest = await target.Peer.ReceiveManyAsync(10);

        Assert.Equal(4, heldAtFour);
        Assert.Equal(4, peak);
        Assert.Equal("3", first.GetProperty("id").GetString());
        Assert.Equal("1", second.GetProperty("id").GetString());
        Assert.All(rest, r => Assert.Equal("r" + r.Key, r.Value.GetProperty("output").GetString()));
        Assert.Equal(12, rest.Keys.Union(["3", "1"]).Count());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Closing_input_waits_for_handlers_in_flight_then_ends()
    {
        var release = new TaskCompletionSource();
        var target = InProcessTarget.Serve(async (request, _) =>
        {
            await release.Task;
            return new TargetReply { Output = "late " + request.Id };
        });
        await target.Peer.SendAsync(ProtocolPeer.Request("a", "q"));
        await target.Peer.SendAsync(ProtocolPeer.Request("b", "q"));

        target.Peer.CloseInput();
        await Task.Delay(200, TestContext.Current.CancellationToken);
        var endedEarly = target.Serving.IsCompleted;
        release.SetResult();
        var replies = await target.Peer.ReceiveManyAsync(2);
        await target.DisposeAsync();

        Assert.False(endedEarly);
        Assert.Equal("late a", replies["a"].GetProperty("output").GetString());
        Assert.True(target.Serving.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Cancelling_serving_cancels_the_handlers_in_flight_answers_them_and_ends()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var started = new TaskCompletionSource();
        await using var target = new InProcessTarget((input, output, log) => CiGateTarget.ServeAsync(
            async (_, ct) =>
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, ct);
                return new TargetReply { Output = "never" };
            },
            input,
            output,
            new CiGateTargetOptions { Log = log },
            cts.Token));
        await target.Peer.SendAsync(ProtocolPeer.Request("long", "q"));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        await cts.CancelAsync();
        var reply = await target.Peer.ReceiveRequiredAsync();
        var ended = await Record.ExceptionAsync(
            () => target.Serving.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));

        Assert.Equal("error", reply.GetProperty("type").GetString());
        Assert.Equal("long", reply.GetProperty("id").GetString());
        Assert.False(reply.GetProperty("retryable").GetBoolean());
        Assert.IsAssignableFrom<OperationCanceledException>(ended);
    }

    [Fact]
    public async Task MaxConcurrency_below_one_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CiGateTarget.ServeAsync(
            (_, _) => Task.FromResult(new TargetReply { Output = "" }),
            Stream.Null,
            Stream.Null,
            new CiGateTargetOptions { MaxConcurrency = 0 },
            TestContext.Current.CancellationToken));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value
               && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
