using System.ClientModel;
using System.ClientModel.Primitives;
using CiGate.Core.Diagnostics;
using OpenAI;
using OpenAIChatClient = OpenAI.Chat.ChatClient;

namespace CiGate.Core.Targets;

public static class TargetClientFactory
{
    // Local servers (vLLM, llama.cpp, the simulator) ignore the key, but the SDK insists on one.
    private const string PlaceholderKey = "cigate-no-key";

    /// <summary>Builds the one SDK client a target uses for its whole run.</summary>
    /// <exception cref="CiGateException">ApiKeyEnv or a header's ${env:NAME} names a variable that is unset or empty.</exception>
    public static ITargetClient Create(TargetConfig config, ResponseCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(config.Concurrency, 1, nameof(config));
        ArgumentOutOfRangeException.ThrowIfLessThan(config.Retry.MaxAttempts, 1, nameof(config));
        if (config.Exec is not null) return new Exec.ExecTargetClient(config, cache);

        var secrets = TargetSecrets.Resolve(config);
        if (config.Http is not null)
        {
            return new Http.HttpTargetClient(config, secrets, cache);
        }

        string? apiKey = secrets.ApiKey;
        var options = new OpenAIClientOptions
        {
            Endpoint = config.BaseUrl,
            NetworkTimeout = config.Timeout > TimeSpan.Zero ? config.Timeout : Timeout.InfiniteTimeSpan,

            // CiGate retries itself (jitter, Retry-After, timeouts, bad JSON); SDK retries would multiply attempts.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),

            // No logger is ever attached, so the logging policy would only cost CPU on every request.
            ClientLoggingOptions = new ClientLoggingOptions { EnableLogging = false, EnableMessageLogging = false },
        };
        if (config.Headers.Count > 0)
        {
            options.AddPolicy(new HeadersPolicy(secrets.Headers), PipelinePosition.PerCall);
        }

        OpenAIChatClient chat;
        if (apiKey is not null)
        {
            chat = new OpenAIChatClient(config.Model, new ApiKeyCredential(apiKey), options);
        }
        else if (HasAuthorizationHeader(config.Headers))
        {
#pragma warning disable OPENAI001 // Evaluation-only ctor; the SDK version is pinned centrally and this is the one way to skip the key policy.
            chat = new OpenAIChatClient(config.Model, new PassThroughAuthenticationPolicy(), options);
#pragma warning restore OPENAI001
        }
        else
        {
            chat = new OpenAIChatClient(config.Model, new ApiKeyCredential(PlaceholderKey), options);
        }

        return new OpenAITargetClient(config, chat.Pipeline, secrets, cache);
    }

    internal static bool HasAuthorizationHeader(IReadOnlyDictionary<string, string> headers)
    {
        foreach (string name in headers.Keys)
        {
            if (string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
