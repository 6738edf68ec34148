using System.Text.Json;
using System.Text.Json.Nodes;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Perf.Telemetry;

namespace CiGate.Core.Suites.Perf.Server;

/// <summary>
/// Counts tokens with the target's own tokenizer through vLLM's <c>POST /tokenize</c>
/// (<c>{model, prompt}</c> → <c>{count, tokens, max_model_len}</c>; special tokens included, as the
/// server counts a completion's prompt). Each text is asked once.
/// </summary>
internal sealed class ServerTokenCounter(ServerEndpoints endpoints, string model)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, int> cache = new(StringComparer.Ordinal);

    public int Calls { get; private set; }

    public async Task<int> CountAsync(string text, CancellationToken ct)
    {
        if (cache.TryGetValue(text, out var known))
        {
            return known;
        }

        Calls++;
        var body = new JsonObject { ["model"] = model, ["prompt"] = text }.ToJsonString();
        var (status, answer) = await endpoints.PostJsonAsync("tokenize", body, Timeout, ct);
        var url = new Uri(endpoints.Root, "tokenize");
        if (status is 404 or 405)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.EndpointMissing, $"workload tokenizer 'server' needs the target's /tokenize endpoint (vLLM's, or cigate sim's), but {url} answered {status}; use tokenizer: cl100k_base, o200k_base or words for this server"));
        }

        if (status != 200 || Count(answer) is not { } count)
        {
            var why = status == 0 ? "no answer" : $"HTTP {status}";
            throw new CiGateException(new Diagnostic(DiagnosticCodes.EndpointRejected, $"counting prompt tokens with {url} failed ({why}); the workload's tokenizer is 'server'"), ExitCodes.Infrastructure);
        }

        cache[text] = count;
        return count;
    }

    private static int? Count(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("count", out var count) && count.TryGetInt32(out var n))
            {
                return n;
            }

            return root.TryGetProperty("tokens", out var tokens) && tokens.ValueKind == JsonValueKind.Array ? tokens.GetArrayLength() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
