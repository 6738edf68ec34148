using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CiGate.Core.Diagnostics;
using CiGate.Core.Targets;

namespace CiGate.Core.Tests.Targets.Surface;

/// <summary>
/// A <c>${env:NAME}</c> in extra_body is sent resolved, keyed unresolved, and masked in what comes back.
/// </summary>
public sealed class ExtraBodySecretTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cigate-surface-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_secret_is_sent_but_the_key_and_the_cache_hold_only_the_reference()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        (string name, string secret) = TestTargets.SetSecretEnv();
        var extra = new JsonObject { ["metadata"] = new JsonObject { ["tenant"] = $"${{env:{name}}}" } };
        // The server echoes the secret in the answer, the reasoning and a tool call, as a careless gateway might.
        string echo = JsonSerializer.Serialize(new
        {
            model = "test-model",
            choices = new[]
            {
                new
                {
                    index = 0,
                    finish_reason = "tool_calls",
                    message = new
                    {
                        role = "assistant",
                        content = $"tenant {secret}",
                        reasoning_content = $"thinking about {secret}",
                        tool_calls = new[] { new { id = "c1", type = "function", function = new { name = "f", arguments = $"{{\"t\":\"{secret}\"}}" } } },
                    },
                },
            },
        });
        await using var server = FakeOpenAIServer.Start(new FakeReply(Body: echo));
        TargetConfig config = TestTargets.Config(server.BaseUrl) with { Request = new TargetRequestOptions { ExtraBody = extra } };
        ModelResponse response;
        await using (ResponseCache cache = await ResponseCache.OpenAsync(_directory, ct))
        {
            await using ITargetClient client = TargetClientFactory.Create(config, cache);
            response = await client.CompleteAsync(TestTargets.Chat(), ct);
        }

        RecordedRequest request = Assert.Single(server.Requests);
        Assert.Equal(secret, request.Json().GetProperty("metadata").GetProperty("tenant").GetString());
        byte[] keyed = RequestBodyWriter.Write(
            JsonEncodedText.Encode("test-model"),
            TestTargets.Chat(),
            config.Request,
            extra);
        Assert.Contains($"${{env:{name}}}", Encoding.UTF8.GetString(keyed), StringComparison.Ordinal);
        string cacheText = string.Concat(Directory.GetFiles(
            _directory,
            "*",
            SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.Contains(
            ResponseCache.ComputeKey(config.CacheIdentity, "test-model", keyed),
            cacheText,
            StringComparison.Ordinal);
        Assert.DoesNotContain(secret, cacheText, StringComparison.Ordinal);
        Assert.DoesNotContain(
            secret,
            response.Text + response.Reasoning + response.ToolCalls[0].Arguments,
            StringComparison.Ordinal);
        Assert.Equal("tenant ***", response.Text);
    }

    [Fact]
    public void An_unset_variable_in_extra_body_is_one_error_at_its_place()
    {
        var extra = new JsonObject { ["key"] = "${env:CIGATE_TEST_SURFACE_SURELY_UNSET}" };
        var place = new SourcePlace("cigate.yml", 7, 9);
        TargetConfig config = TestTargets.Config(new Uri("http://127.0.0.1:9/v1")) with
        {
            Request = new TargetRequestOptions { ExtraBody = extra },
            Places = new Dictionary<string, SourcePlace> { ["request.extra_body"] = place },
        };

        var error = Assert.Throws<CiGateException>(() => TargetSecrets.Resolve(config));

        Diagnostic diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(DiagnosticCodes.MissingEnvironmentVariable, diagnostic.Code);
        Assert.Equal(7, diagnostic.Line);
        Assert.Contains("CIGATE_TEST_SURFACE_SURELY_UNSET", TargetSecrets.VariablesOf(config));
    }
}
