using System.Net.Http.Headers;
using System.Text.Json;

namespace CiGate.Core.Targets;

/// <summary>
/// One <c>GET /version</c> and one <c>GET {base_url}/models</c> per target per run, with the
/// target's key and headers, a short timeout and no retries: a probe that fails is recorded as
/// unavailable, never a failed run. Exec and http app targets are not OpenAI servers: not probed.
/// </summary>
public static class ServerProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static async Task<ServerMetadata> ProbeAsync(TargetConfig config, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Exec is not null || config.Http is not null)
        {
            return ServerMetadata.None("not an OpenAI-compatible server (exec or http target)");
        }

        TargetSecrets secrets;
        try
        {
            secrets = TargetSecrets.Resolve(config);
        }
        catch (Diagnostics.CiGateException)
        {
            return ServerMetadata.None("the target's key or headers are not set");
        }

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        foreach (var (name, value) in secrets.Headers)
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        }

        if (secrets.ApiKey is { } key && !TargetClientFactory.HasAuthorizationHeader(config.Headers))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        var version = GetAsync(http, new Uri(Root(config.BaseUrl), "version"), ct);
        var models = GetAsync(http, new Uri(config.BaseUrl.AbsoluteUri.TrimEnd('/') + "/models"), ct);
        await Task.WhenAll(version, models);
        var v = version.Result is { } vb ? Field(secrets.Redact(vb), "version") : null;
        var m = models.Result is { } mb ? ModelIds(secrets.Redact(mb)) : null;
        var missing = (v, m) switch
        {
            (null, null) => "/version and /v1/models did not answer",
            (null, _) => "/version did not answer",
            (_, null) => "/v1/models did not answer",
            _ => null,
        };
        return new ServerMetadata(v, m) { Unavailable = missing };
    }

    /// <summary><c>http://host:8000/v1</c> → <c>http://host:8000/</c>: /version lives beside /v1.</summary>
    public static Uri Root(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var path = baseUrl.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/v1", StringComparison.Ordinal))
        {
            path = path[..^3];
        }

        return new UriBuilder(baseUrl) { Path = path + "/", Query = "", Fragment = "" }.Uri;
    }

    private static async Task<string?> GetAsync(HttpClient http, Uri url, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(Timeout);
        try
        {
            using var response = await http.GetAsync(url, limit.Token);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(limit.Token) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException
            || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return null;
        }
    }

    private static string? Field(string json, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value)
                ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<string>? ModelIds(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data)
                || data.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            return [.. data.EnumerateArray()
                .Select(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("id", out var id)
                    && id.ValueKind == JsonValueKind.String ? id.GetString() : null)
                .OfType<string>()
                .Order(StringComparer.Ordinal)];
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
