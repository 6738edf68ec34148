using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Globalization;
using CiGate.Core.Suites.Perf.Transport;
using CiGate.Core.Targets;
using OpenAI;
using OpenAIChatClient = OpenAI.Chat.ChatClient;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// Streams completions on the same OpenAI SDK pipeline as every other target (key, headers,
/// transport), unbuffered, and reads the event stream itself. The transport is a
/// SocketsHttpHandler whose pool is sized to the load point, so no request waits for a
/// connection; no retries (a retried request would hide the latency a user would have seen).
/// With <c>receive_clock: kernel</c> (the default) on Linux over http, each connection reads with
/// the kernel's receive timestamps (<see cref="ConnectionRegistry"/>), so a chunk's time is when
/// it reached the machine however busy the client's threads are.
/// </summary>
internal sealed class StreamingClient : IDisposable
{
    private const string PlaceholderKey = "cigate-no-key";
    private readonly ClientPipeline pipeline;
    private readonly HttpClient http;
    private readonly Uri chatUri;
    private readonly Uri completionsUri;
    private readonly TargetSecrets secrets;
    private readonly ConnectionRegistry? registry;
    private readonly string? idPrefix;
    private long nextId;

    public StreamingClient(TargetConfig config, int maxConnections, ReceiveClock clock = ReceiveClock.Kernel)
    {
        secrets = TargetSecrets.Resolve(config);
        var apiKey = secrets.ApiKey;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, maxConnections),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };
        if (UsesKernelClock(config, clock))
        {
            registry = new ConnectionRegistry();
            handler.ConnectCallback = registry.ConnectAsync;
        }

        // Every request carries its id (the header vLLM logs), unless the user's headers set one themselves.
        var ownId = config.Headers.Keys.Any(
            h => string.Equals(h, ConnectionRegistry.HeaderName, StringComparison.OrdinalIgnoreCase));
        idPrefix = ownId
            ? null
            : registry?.Prefix ?? ConnectionRegistry.NewPrefix();
        http = new HttpClient(RawResponseTransport.CreateHandler(handler)) { Timeout = Timeout.InfiniteTimeSpan };
        var options = new OpenAIClientOptions
        {
            Endpoint = config.BaseUrl,
            Transport = new RawResponseTransport(http),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            ClientLoggingOptions = new ClientLoggingOptions { EnableLogging = false, EnableMessageLogging = false },
        };
        if (config.Headers.Count > 0)
        {
            options.AddPolicy(new HeadersPolicy(secrets.Headers), PipelinePosition.PerCall);
        }

        OpenAIChatClient chat;
        if (apiKey is null && TargetClientFactory.HasAuthorizationHeader(config.Headers))
        {
#pragma warning disable OPENAI001 // Evaluation-only ctor, as in TargetClientFactory: keeps the user's Authorization header.
            chat = new OpenAIChatClient(config.Model, new PassThroughAuthenticationPolicy(), options);
#pragma warning restore OPENAI001
        }
        else
        {
            chat = new OpenAIChatClient(config.Model, new ApiKeyCredential(apiKey ?? PlaceholderKey), options);
        }

        pipeline = chat.Pipeline;
        chatUri = Endpoint(config.BaseUrl, "chat/completions");
        completionsUri = Endpoint(config.BaseUrl, "completions");
    }

    /// <summary>The clock the chunks of this client's requests are stamped with.</summary>
    public ReceiveClock Clock => registry is null ? ReceiveClock.Process : ReceiveClock.Kernel;

    /// <summary>Kernel stamps need Linux, a plaintext connection (to see which request it carries) and the request id header free.</summary>
    internal static bool UsesKernelClock(TargetConfig config, ReceiveClock clock) =>
        clock == ReceiveClock.Kernel
        && KernelReceiveClock.IsSupported
        && config.BaseUrl.Scheme == Uri.UriSchemeHttp
        && !config.Headers.Keys.Any(h => string.Equals(h, ConnectionRegistry.HeaderName, StringComparison.OrdinalIgnoreCase));

    /// <summary>Sends one request and fills <paramref name="timing"/>; never throws for a failed request, only records it.</summary>
    public async Task SendAsync(RequestTiming timing, byte[] body, TargetApi api, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout > TimeSpan.Zero)
        {
            cts.CancelAfter(timeout);
        }

        using var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = "POST";
        request.Uri = api == TargetApi.Chat ? chatUri : completionsUri;
        request.Headers.Set("Accept", "text/event-stream");
        request.Headers.Set("Content-Type", "application/json");
        request.Content = BinaryContent.Create(new BinaryData(body));
        // The id is assigned here, once: the header sent and requests.jsonl's request_id are this one string.
        var id = Interlocked.Increment(ref nextId);
        if (idPrefix is not null)
        {
            timing.RequestId = idPrefix + id.ToString(CultureInfo.InvariantCulture);
            request.Headers.Set(ConnectionRegistry.HeaderName, timing.RequestId);
        }

        message.Apply(new RequestOptions { CancellationToken = cts.Token, BufferResponse = false });

        // Apply copies the options' buffering onto the message; set it last so nothing turns it back on.
        message.BufferResponse = false;
        timing.SentTs = Stopwatch.GetTimestamp();
        try
        {
            await pipeline.SendAsync(message);
            var connection = registry?.Take(id);
            if (connection is { RequestWrittenTs: > 0 })
            {
                // The moment the request left (the pipeline's own work before it is the client's lag).
                // The kernel's transmit stamp when it gave one (exact), else when the write returned (late by the
                // time the thread was held up after it: the window says how uncertain).
                timing.SentTs = connection.RequestSentTs > 0 ? connection.RequestSentTs : connection.RequestWrittenTs;
                timing.SendWindowTicks = connection.RequestSentTs > 0
                    ? 0
                    : connection.RequestWrittenTs - connection.RequestStartTs;
                timing.KernelClock = true;
            }

            var response = message.Response!;
            timing.Status = response.Status;
            if (response.Status is < 200 or >= 300)
            {
                await response.BufferContentAsync(cts.Token);
                timing.Error = $"HTTP {response.Status}: {ErrorText.FromBody(response.Content.ToMemory().Span, secrets)}";
                timing.ErrorKind = "http";
                return;
            }

            // The connection's own stream, not the SDK's reconnecting SSE wrapper (see RawResponseTransport).
            await using var stream = RawResponseTransport.TryGetContent(message, out var raw)
                ? await raw!.ReadAsStreamAsync(cts.Token)
                : response.ContentStream ?? Stream.Null;
            await SseReader.ReadAsync(stream, timing, timing.KernelClock ? connection : null, cts.Token);
            if (!timing.Done && timing.Error is null)
            {
                timing.Error = "the stream ended before [DONE]";
                timing.ErrorKind = "truncated";
            }
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            timing.Incomplete = true;
            timing.Error = "cancelled before it finished";
            timing.ErrorKind = "cancelled";
        }
        catch (Exception) when (cts.IsCancellationRequested)
        {
            var seconds = timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            timing.Error = timing.Status != 0
                ? $"the stream stalled: not finished within the {seconds} s request timeout, after {timing.Chunks} token chunk(s)"
                : $"no response within the {seconds} s request timeout";
            timing.ErrorKind = "timeout";
        }
        catch (Exception e) when (TransportErrors.TryClassify(e, out _, out var detail))
        {
            timing.Error = detail;
            timing.ErrorKind = "transport";
        }
        catch (ClientResultException e)
        {
            timing.Error = e.Message;
            timing.ErrorKind = "transport";
        }
        finally
        {
            // Every error text, the stream's own included, with the key and header values masked.
            if (timing.Error is { } error)
            {
                timing.Error = secrets.Redact(error);
            }

            registry?.Forget(id);
            if (timing.EndTs == 0)
            {
                timing.EndTs = Stopwatch.GetTimestamp();
            }
        }
    }

    public void Dispose()
    {
        http.Dispose();
        registry?.Dispose();
    }

    private static Uri Endpoint(Uri baseUrl, string path)
    {
        var builder = new UriBuilder(baseUrl);
        builder.Path = builder.Path.TrimEnd('/') + "/" + path;
        return builder.Uri;
    }
}
