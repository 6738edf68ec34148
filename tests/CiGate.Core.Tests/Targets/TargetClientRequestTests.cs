using System.Text.Json;
using CiGate.Core.Diagnostics;
using CiGate.Core.Targets;

namespace CiGate.Core.Tests.Targets;

public sealed class TargetClientRequestTests
{
    [Fact]
    public async Task Chat_request_body_carries_model_messages_and_sampling_fields()
    {
        // arrange
        await using var server = FakeOpenAIServer.Start(FakeReply.Chat("4"));
        await using ITargetClient client = TargetClientFactory.Create(TestTargets.Config(server.BaseUrl));

        // act
        await client.CompleteAsync(TestTargets.Chat("What is 2+2? Ünïcode <ok> & \"quoted\""), TestContext.Current.CancellationToken);

        // assert
        RecordedRequest request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        JsonElement body = request.Json();
        Assert.Equal("test-model", body.GetProperty("model").GetString());
        JsonElement messages = body.GetProperty("messages");
        Assert.Equal(2, messages.GetArrayLength());
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Equal("Answer briefly.", messages[0].GetProperty("content").GetString());
        Assert.Equal("user", messages[1].GetProperty("role").GetString());
        Assert.Equal("What is 2+2? Ünïcode <ok> & \"quoted\"", messages[1].GetProperty("content").GetString());
        Assert.Equal(64, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(0.0, body.GetProperty("temperature").GetDouble());
        Assert.Equal(1234, body.GetProperty("seed").GetInt32());
        Assert.Equal(new[] { "\n\n", "Question:" }, body.GetProperty("stop").EnumerateArray().Select(e => e.GetString() ?? "<null>").ToArray());
        Assert.False(body.TryGetProperty("prompt", out _));
    }

    [Fact]
    public async Task Completions_request_goes_to_completions_with_prompt_and_no_seed_when_unset()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Completion(" 4"));
        await using ITargetClient client = TargetClientFactory.Create(TestTargets.Config(server.BaseUrl, TargetApi.Completions));

        ModelResponse response = await client.CompleteAsync(TestTargets.Completion(), TestContext.Current.CancellationToken);

        RecordedRequest request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/completions", request.Path);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        JsonElement body = request.Json();
        Assert.Equal("test-model", body.GetProperty("model").GetString());
        Assert.Equal("Q: 2+2?\nA:", body.GetProperty("prompt").GetString());
        Assert.Equal(16, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(0.5, body.GetProperty("temperature").GetDouble());
        Assert.False(body.TryGetProperty("seed", out _));
        Assert.False(body.TryGetProperty("messages", out _));
        Assert.Equal(new[] { "\n" }, body.GetProperty("stop").EnumerateArray().Select(e => e.GetString() ?? "<null>").ToArray());
        Assert.Equal(" 4", response.Text);
        Assert.Equal("length", response.FinishReason);
        Assert.Equal(new TokenUsage(5, 3), response.Usage);
    }

    [Fact]
    public async Task Empty_stop_list_sends_no_stop_field()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Chat("x"));
        await using ITargetClient client = TargetClientFactory.Create(TestTargets.Config(server.BaseUrl));

        await client.CompleteAsync(TestTargets.Chat() with { Stop = [] }, TestContext.Current.CancellationToken);

        Assert.False(Assert.Single(server.Requests).Json().TryGetProperty("stop", out _));
    }

    [Fact]
    public async Task Chat_response_is_parsed_with_usage_finish_reason_model_and_fingerprint()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Chat("The answer is 4.", "stop", "served/model-v2"));
        await using ITargetClient client = TargetClientFactory.Create(TestTargets.Config(server.BaseUrl));

        ModelResponse response = await client.CompleteAsync(TestTargets.Chat(), TestContext.Current.CancellationToken);

        Assert.Equal("The answer is 4.", response.Text);
        Assert.Equal("stop", response.FinishReason);
        Assert.Equal(new TokenUsage(11, 7), response.Usage);
        Assert.Equal("served/model-v2", response.ServedModel);
        Assert.Equal("fp_test", response.SystemFingerprint);
        Assert.False(response.FromCache);
        Assert.Equal(1, response.Attempts);
        Assert.True(response.LatencyMs > 0);
    }

    [Fact]
    public async Task Api_key_comes_from_the_named_environment_variable_and_custom_headers_are_sent()
    {
        (string name, string value) = TestTargets.SetSecretEnv();
        try
        {
            await using var server = FakeOpenAIServer.Start(FakeReply.Chat("ok"), FakeReply.Completion("ok"));
            var headers = new Dictionary<string, string> { ["X-Team"] = "evals", ["X-Trace"] = "abc-123" };
            await using ITargetClient chat = TargetClientFactory.Create(TestTargets.Config(server.BaseUrl, apiKeyEnv: name, headers: headers));
            await using ITargetClient completions = TargetClientFactory.Create(TestTargets.Config(server.BaseUrl, TargetApi.Completions, apiKeyEnv: name, headers: headers));

            await chat.CompleteAsync(TestTargets.Chat(), TestContext.Current.CancellationToken);
            await completions.CompleteAsync(TestTargets.Completion(), TestContext.Current.CancellationToken);

            Assert.Equal(2, server.Requests.Count);
            foreach (RecordedRequest request in server.Requests)
            {
                Assert.Equal("Bearer " + value, request.Header("Authorization"));
                Assert.Equal("evals", request.Header("X-Team"));
                Assert.Equal("abc-123", request.Header("X-Trace"));
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public async Task A_server_echoing_the_key_and_header_values_gets_them_masked_in_the_response()
    {
        (string name, string value) = TestTargets.SetSecretEnv();
        string gateway = "CIGATE_TEST_GW_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(gateway, "gw-value-" + Guid.NewGuid().ToString("N"));
        try
        {
            string gatewayValue = Environment.GetEnvironmentVariable(gateway)!;
            await using var server = FakeOpenAIServer.Start(FakeReply.Chat($"key {value}, gateway {gatewayValue}, team evals-team", model: $"m-{value}"));
            var headers = new Dictionary<string, string> { ["api-key"] = $"${{env:{gateway}}}", ["X-Team"] = "evals-team" };
            await using ITargetClient client = TargetClientFactory.Create(TestTargets.Config(server.BaseUrl, apiKeyEnv: name, headers: headers));

            ModelResponse response = await client.CompleteAsync(TestTargets.Chat(), TestContext.Current.CancellationToken);

            Assert.Equal(gatewayValue, Assert.Single(server.Requests).Header("api-key"));
            Assert.Equal("key ***, gateway ***, team ***", response.Text);
            Assert.Equal("m-***", response.ServedModel);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
            Environment.SetEnvironmentVariable(gateway, null);
        }
    }

    [Fact]
    public async Task Without_a_key_a_configured_authorization_header_is_sent_unchanged()
    {
        await using var server = FakeOpenAIServer.Start(FakeReply.Chat("ok"));
        var headers = new Dictionary<string, string> { ["Authorization"] = "Basic dXNlcjpwdw==" };
        await using ITargetClient client = TargetClientFactory.Create(TestTargets.Config(server.BaseUrl, headers: headers));

        await client.CompleteAsync(TestTargets.Chat(), TestContext.Current.CancellationToken);

        Assert.Equal("Basic dXNlcjpwdw==", Assert.Single(server.Requests).Header("Authorization"));
    }

    [Fact]
    public void Missing_api_key_variable_is_a_diagnostic_naming_the_variable()
    {
        string name = "CIGATE_TEST_UNSET_" + Guid.NewGuid().ToString("N");
        TargetConfig config = TestTargets.Config(new Uri("http://127.0.0.1:9/v1"), apiKeyEnv: name);

        CiGateException error = Assert.Throws<CiGateException>(() => TargetClientFactory.Create(config));

        Diagnostic diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(DiagnosticCodes.MissingEnvironmentVariable, diagnostic.Code);
        Assert.Contains(name, diagnostic.Message, StringComparison.Ordinal);
    }
}
