using System.Net.Http.Headers;
using System.Text;
using CiGate.Core.Suites.Perf.Server;
using CiGate.Core.Targets;

namespace CiGate.Core.Suites.Perf.Telemetry;

/// <summary>
/// The server's own endpoints beside <c>/v1</c> (<c>/version</c>, <c>/metrics</c>, <c>/tokenize</c>...),
/// with the target's key and headers, a short timeout per call and no retries: a probe that fails
/// is a missing fact, never a failed run.
/// </summary>
internal sealed class ServerEndpoints : IDisposable
{
    private readonly HttpClient http;
    private readonly TargetSecrets secrets;

    public ServerEndpoints(TargetConfig config)
    {
        Root = ServerRoot.Of(config.BaseUrl);
        Models = new Uri(config.BaseUrl.AbsoluteUri.TrimEnd('/') + "/models");
        http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
        secrets = TargetSecrets.Resolve(config);
        foreach (var (name, value) in secrets.Headers)
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        }

        if (secrets.ApiKey is { } key && !TargetClientFactory.HasAuthorizationHeader(config.Headers))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
    }

    public Uri Root { get; }

    /// <summary>The OpenAI models list, under the base URL (not the root).</summary>
    public Uri Models { get; }

    /// <summary>Status and body; status 0 when the server did not answer in time or at all.</summary>
    public Task<(int Status, string Body)> GetAsync(string path, TimeSpan timeout, CancellationToken ct) =>
        GetAsync(new Uri(Root, path), timeout, ct);

    public Task<(int Status, string Body)> GetAsync(Uri url, TimeSpan timeout, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, url), timeout, ct);

    public Task<(int Status, string Body)> PostJsonAsync(string path, string json, TimeSpan timeout, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(Root, path)) { Content = new StringContent(json, Encoding.UTF8, "application/json") }, timeout, ct);

    public void Dispose() => http.Dispose();

    private async Task<(int Status, string Body)> SendAsync(HttpRequestMessage request, TimeSpan timeout, CancellationToken ct)
    {
        using (request)
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            limit.CancelAfter(timeout);
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, limit.Token);
                // Masked: /version or /metrics text may end up in the results folder's telemetry.
                return ((int)response.StatusCode, secrets.Redact(await response.Content.ReadAsStringAsync(limit.Token)));
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                return (0, "");
            }
        }
    }
}
