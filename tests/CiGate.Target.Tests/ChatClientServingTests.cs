using CiGate.Target.Tests.Support;

namespace CiGate.Target.Tests;

/// <summary>The library serving a real IChatClient (Microsoft.Extensions.AI.OpenAI) over the real simulator.</summary>
public sealed class ChatClientServingTests
{
    [Fact]
    public async Task Hello_is_answered_with_the_protocol_and_the_app_name()
    {
        await using var server = await Simulators.StartAsync();
        await using var target = Serve(server, new CiGateTargetOptions { AppName = "demo", AppVersion = "2.1" });

        await target.Peer.SendAsync(ProtocolPeer.Hello);
        var hello = await target.Peer.ReceiveRequiredAsync();

        Assert.Equal("hello", hello.GetProperty("type").GetString());
        Assert.Equal("cigate-exec/1", hello.GetProperty("protocol").GetString());
        Assert.Equal("demo", hello.GetProperty("app").GetString());
        Assert.Equal("2.1", hello.GetProperty("version").GetString());
    }

    [Fact]
    public async Task A_hello_for_another_protocol_version_is_logged_and_answered_with_this_one()
    {
        await using var server = await Simulators.StartAsync();
        await using var target = Serve(server);

        await target.Peer.SendAsync(new { type = "hello", protocol = "cigate-exec/2" });
        var hello = await target.Peer.ReceiveRequiredAsync();

        Assert.Equal("cigate-exec/1", hello.GetProperty("protocol").GetString());
        Assert.Contains("cigate speaks 'cigate-exec/2', this app cigate-exec/1", target.Logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chat_request_gets_the_models_text_usage_model_and_finish_reason()
    {
        await using var server = await Simulators.StartAsync();
        await using var target = Serve(server);

        await target.Peer.SendAsync(ProtocolPeer.Request("r1", "What is the capital of Japan?"));
        var reply = await target.Peer.ReceiveRequiredAsync();

        Assert.Equal("response", reply.GetProperty("type").GetString());
        Assert.Equal("r1", reply.GetProperty("id").GetString());
        // The library itself adds nothing: no post-processing here, so the label is still there.
        Assert.Equal("Answer: The capital of Japan is Tokyo.", reply.GetProperty("output").GetString());
        Assert.Equal("stop", reply.GetProperty("finish_reason").GetString());
        Assert.Equal(Simulators.Model, reply.GetProperty("model").GetString());
        Assert.True(reply.GetProperty("usage").GetProperty("prompt_tokens").GetInt64() > 0);
        Assert.True(reply.GetProperty("usage").GetProperty("completion_tokens").GetInt64() > 0);
        Assert.False(reply.TryGetProperty("tool_calls", out _));
    }

    [Fact]
    public async Task A_text_prompt_request_and_max_tokens_reach_the_model()
    {
        await using var server = await Simulators.StartAsync();
        await using var target = Serve(server);

        await target.Peer.SendAsync(new
        {
            type = "request",
            id = "p1",
            item = (string?)null,
            messages = Array.Empty<object>(),
            prompt = "Why is winter in Paris cold?",
            options = new { max_tokens = 3, temperature = 0.0, seed = 7, stop = Array.Empty<string>() },
        });
        var reply = await target.Peer.ReceiveRequiredAsync();

        Assert.Equal("p1", reply.GetProperty("id").GetString());
        Assert.Equal("length", reply.GetProperty("finish_reason").GetString());
        Assert.Equal(3, reply.GetProperty("usage").GetProperty("completion_tokens").GetInt64());
        Assert.StartsWith("answer:", reply.GetProperty("output").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tools_tool_choice_a_json_schema_and_decoding_options_reach_the_model_on_the_wire()
    {
        await using var server = await Simulators.StartAsync();
        using var recorder = new RequestRecorder();
        await using var target = Serve(server, http: recorder);

        await target.Peer.SendAsync("""
            {"type":"request","id":"t1","messages":[{"role":"user","content":"What is the capital of France?"}],
             "options":{"max_tokens":40,"temperature":0.25,"seed":9,"stop":["END"]},
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather",
               "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
             "tool_choice":"required",
             "response_format":{"type":"json_schema","json_schema":{"name":"answer",
               "schema":{"type":"object","properties":{"city":{"type":"string"}}}}}}
            """.ReplaceLineEndings(" "));
        var reply = await target.Peer.ReceiveRequiredAsync();

        Assert.Equal("response", reply.GetProperty("type").GetString());
        var body = Assert.Single(recorder.Bodies);
        var function = Assert.Single(body.GetProperty("tools").EnumerateArray()).GetProperty("function");
        Assert.Equal("get_weather", function.GetProperty("name").GetString());
        Assert.Equal("city", function.GetProperty("parameters").GetProperty("required")[0].GetString());
        Assert.Equal("required", body.GetProperty("tool_choice").GetString());
        var format = body.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("answer", format.GetProperty("json_schema").GetProperty("name").GetString());
        // The OpenAI SDK sends max_completion_tokens (max_tokens is deprecated for chat).
        Assert.True(body.TryGetProperty("max_completion_tokens", out var max));
        Assert.Equal(40, max.GetInt32());
        Assert.Equal(0.25, body.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(9, body.GetProperty("seed").GetInt64());
        Assert.Equal("END", body.GetProperty("stop")[0].GetString());
    }

    [Fact]
    public async Task A_request_the_model_rejects_gets_a_non_retryable_error_reply_and_serving_goes_on()
    {
        await using var server = await Simulators.StartAsync();
        await using var target = Serve(server);

        // The simulator answers 400 to a chat without a user message, as OpenAI does to bad input.
        await target.Peer.SendAsync(new
        {
            type = "request",
            id = "bad",
            messages = new[] { new { role = "system", content = "Only a system message." } },
        });
        var error = await target.Peer.ReceiveRequiredAsync();
        await target.Peer.SendAsync(ProtocolPeer.Request("good", "What is the capital of France?"));
        var after = await target.Peer.ReceiveRequiredAsync();

        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("bad", error.GetProperty("id").GetString());
        Assert.False(error.GetProperty("retryable").GetBoolean());
        Assert.Contains("400", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("request bad", target.Logged, StringComparison.Ordinal);
        Assert.Equal("good", after.GetProperty("id").GetString());
        Assert.Equal("response", after.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Server_errors_that_outlast_the_SDKs_retries_come_back_retryable()
    {
        await using var server = await Simulators.StartAsync(o =>
        {
            o.Faults.Rate = 1.0;
            o.Faults.Kinds = [CiGate.Simulator.FaultKind.ServerError500];
        });
        // No SDK retries: the 500 reaches the library on the first try.
        await using var target = Serve(server, maxRetries: 0);

        await target.Peer.SendAsync(ProtocolPeer.Request("f1", "What is the capital of France?"));
        var error = await target.Peer.ReceiveAsync(TimeSpan.FromSeconds(60));

        Assert.Equal("error", error!.Value.GetProperty("type").GetString());
        Assert.True(error.Value.GetProperty("retryable").GetBoolean());
    }

    [Fact]
    public async Task A_model_reply_cut_off_mid_JSON_comes_back_retryable()
    {
        await using var server = await Simulators.StartAsync(o =>
        {
            o.Faults.Rate = 1.0;
            o.Faults.Kinds = [CiGate.Simulator.FaultKind.MalformedJson];
        });
        await using var target = Serve(server, maxRetries: 0);

        await target.Peer.SendAsync(ProtocolPeer.Request("m1", "What is the capital of France?"));
        var error = await target.Peer.ReceiveAsync(TimeSpan.FromSeconds(60));

        // The SDK throws System.Text.Json's reader exception: the model's fault, like a 5xx, not the app's.
        Assert.Equal("error", error!.Value.GetProperty("type").GetString());
        Assert.Contains("Json", error.Value.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(error.Value.GetProperty("retryable").GetBoolean());
    }

    [Fact]
    public async Task Closing_input_ends_serving_after_the_requests_in_flight_are_answered()
    {
        await using var server = await Simulators.StartAsync(o => o.TimeToFirstToken = TimeSpan.FromMilliseconds(300));
        var target = Serve(server);

        for (var i = 0; i < 5; i++)
        {
            await target.Peer.SendAsync(ProtocolPeer.Request($"s{i}", $"Repeat: slow {i}"));
        }

        target.Peer.CloseInput();
        var replies = await target.Peer.ReceiveManyAsync(5);
        var end = await target.Peer.ReceiveAsync();
        await target.Serving.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await target.DisposeAsync();

        Assert.Null(end);
        Assert.All(replies, r =>
            Assert.Equal($"Answer:  Repeat: slow {r.Key[1..]} ", r.Value.GetProperty("output").GetString()));
        Assert.True(target.Serving.IsCompletedSuccessfully);
    }

    private static InProcessTarget Serve(
        CiGate.Simulator.SimulatorServer server,
        CiGateTargetOptions? options = null,
        int? maxRetries = null,
        HttpMessageHandler? http = null)
    {
        var client = Simulators.ChatClient(server, maxRetries, http);
        return new InProcessTarget((input, output, log) =>
        {
            options ??= new CiGateTargetOptions();
            options.Log = log;
            return CiGateTarget.ServeAsync(client, input, output, options, TestContext.Current.CancellationToken);
        });
    }
}
