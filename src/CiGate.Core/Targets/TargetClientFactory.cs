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
    /// <exception cref="CiGateException">ApiKeyEnv names a variable that is unset or empty.</exception>
    public static ITargetClient Create(TargetConfig config, ResponseCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(config.Concurrency, 1, nameof(config));
        ArgumentOutOfRangeException.ThrowIfLessThan(config.Retry.MaxAttempts, 1, nameof(config));

        string? apiKey = ResolveApiKey(config);
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
            options.AddPolicy(new HeadersPolicy(config.Headers), PipelinePosition.PerCall);
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

        return new OpenAITargetClient(config, chat.Pipeline, apiKey, cache);
    }

    internal static string? ResolveApiKey(TargetConfig config)
    {
        if (string.IsNullOrEmpty(config.ApiKeyEnv))
        {
            return null;
        }

        string? value = Environment.GetEnvironmentVariable(config.ApiKeyEnv);
        if (string.IsNullOrEmpty(value))
        {
            var message = $"target '{config.Name}' reads its API key from environment variable '{config.ApiKeyEnv}', which is not set or empty";
            throw new CiGateException(config.ApiKeyEnvPlace?.Diagnostic(DiagnosticCodes.MissingEnvironmentVariable, message)
                ?? new Diagnostic(DiagnosticCodes.MissingEnvironmentVariable, message));
        }

        return value;
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
