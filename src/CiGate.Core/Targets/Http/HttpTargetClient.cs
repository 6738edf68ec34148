using System.Diagnostics;
using System.Globalization;
using CiGate.Core.Diagnostics;
using CiGate.Core.Templating;

namespace CiGate.Core.Targets.Http;

/// <summary>
/// A <c>type: http</c> target: renders the request from the case, sends it with .NET's
/// HttpClient and maps the JSON reply with <see cref="HttpResponseMap"/>. The concurrency gate,
/// per-attempt timeout, retries (Retry-After honoured), cache and error kinds are those of
/// <see cref="OpenAITargetClient"/>; the OpenAI pipeline is not used because the request is not
/// OpenAI's.
/// </summary>
internal sealed partial class HttpTargetClient : ITargetClient
{
    private readonly HttpTargetSettings settings;
    private readonly HttpClient http;
    private readonly SemaphoreSlim gate;
    private readonly ResponseCache? cache;
    private readonly TargetSecrets secrets;
    private readonly string prefix;

    public HttpTargetClient(TargetConfig config, TargetSecrets secrets, ResponseCache? cache)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        settings = config.Http ?? throw new ArgumentException("not an http target", nameof(config));
        this.secrets = secrets;
        this.cache = cache;
        gate = new SemaphoreSlim(config.Concurrency, config.Concurrency);
        http = new HttpClient(
            new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = config.Concurrency, UseCookies = false },
            disposeHandler: true)
        {
            // The per-attempt timeout is ours (a linked CTS), so a stream's whole read is bounded, not just its headers.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        prefix = $"target '{config.Name}' ({settings.Method} {config.BaseUrl.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)})";
    }

    public TargetConfig Config { get; }

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ct.ThrowIfCancellationRequested();
        var rendered = Render(request);
        string? cacheKey = null;
        if (cache is not null && !request.NoCache)
        {
            cacheKey = ResponseCache.ComputeKey(Config.CacheIdentity, $"http\u001f{request.CacheScope}", rendered.KeyMaterial(Config.Headers, settings.Stream));
            if (cache.TryGet(cacheKey, out var hit) && HttpReplyReader.FromCache(hit.Text, settings.Response) is { } cached)
            {
                return Response(cached, fromCache: true, attempts: 0, latencyMs: 0);
            }
        }

        int maxAttempts = Math.Max(1, Config.Retry.MaxAttempts);
        long started = Stopwatch.GetTimestamp();
        var firstFailure = AttemptFailure.None;
        bool mixedFailures = false;
        for (int attempt = 1; ; attempt++)
        {
            var (outcome, reply) = await AttemptAsync(rendered, ct);
            if (reply is not null)
            {
                if (cacheKey is not null)
                {
                    // Not ct: a response that was already paid for is worth the one flush.
                    await cache!.AddAsync(cacheKey, new CachedResponse(reply.Value.Raw, null, null, null, null), CancellationToken.None);
                }

                return Response(reply.Value.Mapped, fromCache: false, attempt, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            if (outcome.Failure == AttemptFailure.Rejected)
            {
                throw new TargetException(TargetErrorKind.Rejected, $"{prefix} rejected the request: HTTP {outcome.StatusCode}: {outcome.Detail}", outcome.StatusCode, attempt);
            }

            mixedFailures |= firstFailure != AttemptFailure.None && firstFailure != outcome.Failure;
            if (firstFailure == AttemptFailure.None)
            {
                firstFailure = outcome.Failure;
            }

            if (attempt >= maxAttempts)
            {
                throw Exhausted(outcome, attempt, mixedFailures ? AttemptFailure.RetryableStatus : firstFailure);
            }

            var delay = RetryDelay.Compute(Config.Retry, attempt, outcome.RetryAfter);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, ct);
            }
        }
    }

    public Task<Embeddings> EmbedAsync(IReadOnlyList<string> inputs, string? model, string? cacheScope, CancellationToken ct) =>
        throw new TargetException(TargetErrorKind.Rejected, $"{prefix} is an http target: it answers cases, not embeddings", null, 0);

    public Task<Moderations> ModerateAsync(IReadOnlyList<string> inputs, string? model, string? cacheScope, CancellationToken ct) =>
        throw new TargetException(TargetErrorKind.Rejected, $"{prefix} is an http target: it answers cases, not moderations", null, 0);

    public ValueTask DisposeAsync()
    {
        http.Dispose();
        gate.Dispose();
        return ValueTask.CompletedTask;
    }

    private static ModelResponse Response(HttpReply reply, bool fromCache, int attempts, double latencyMs) =>
        new(reply.Text, reply.FinishReason, reply.Usage, reply.Model, null, fromCache, attempts, latencyMs)
        {
            ToolCalls = reply.ToolCalls,
            Reasoning = reply.Reasoning,
            Refusal = reply.Refusal,
            Trace = reply.Trace,
        };

    private HttpRenderedRequest Render(ModelRequest request)
    {
        var model = HttpRequestModel.Build(request);
        var placeKey = "url";
        try
        {
            var url = HttpRequestModel.Unwrap(settings.Url.Render(model));
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host != Config.BaseUrl.Host)
            {
                throw new TemplateRenderException($"the url rendered to '{url}', not an http(s) URL on {Config.BaseUrl.Host}");
            }

            var body = settings.Body?.Render(model);
            var headers = new Dictionary<string, (string Send, string Key)>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, template) in settings.HeaderTemplates)
            {
                placeKey = $"headers.{name}";
                headers[name] = HttpHeaderTemplate.Render(name, template, model, secrets.HeaderVariables);
            }

            return new HttpRenderedRequest(settings.Method, uri, body, headers);
        }
        catch (TemplateRenderException ex)
        {
            var place = Config.Places.GetValueOrDefault(placeKey);
            var message = $"target '{Config.Name}', item '{request.ItemId ?? "?"}': {ex.Message}";
            throw new CiGateException(new Diagnostic(DiagnosticCodes.HttpRequestRender, message, place?.File, place?.Line ?? 0, place?.Column ?? 0));
        }
    }

    private TargetException Exhausted(AttemptOutcome last, int attempts, AttemptFailure every)
    {
        string lastError = last.StatusCode is { } status && last.Failure != AttemptFailure.BadResponse ? $"HTTP {status}: {last.Detail}" : last.Detail;
        (TargetErrorKind kind, string message) = every switch
        {
            AttemptFailure.Unreachable => (TargetErrorKind.Unreachable, $"{prefix} is unreachable after {attempts} attempt(s): {lastError}"),
            AttemptFailure.Timeout => (TargetErrorKind.Timeout, $"{prefix} timed out on all {attempts} attempt(s): {lastError}"),
            AttemptFailure.BadResponse => (TargetErrorKind.BadResponse, $"{prefix} returned an unusable response on all {attempts} attempt(s): {lastError}"),
            _ => (TargetErrorKind.RetriesExhausted, $"{prefix} still failing after {attempts} attempt(s); last error: {lastError}"),
        };
        return new TargetException(kind, message, last.StatusCode, attempts, last.Error);
    }

    private string TimeoutText() => $"no response within {Config.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";

    private string Clean(string text) => ErrorText.OneLine(secrets.Redact(text), ErrorText.MaxServerMessageLength);
}
