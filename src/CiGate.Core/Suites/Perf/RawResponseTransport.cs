using System.ClientModel.Primitives;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// The OpenAI pipeline's HttpClient transport, keeping the response body's own content on the
/// message. System.ClientModel hands a text/event-stream body out wrapped in a reconnecting SSE
/// stream that copies every byte through MemoryStreams, decodes every line into strings and links
/// a CancellationTokenSource per read (about 2 KB and several µs per chunk), and that could replay
/// a dropped request on its own. The load generator reads the connection's stream instead; the
/// transport takes the content off the HttpResponseMessage, so a handler under it notes it first.
/// </summary>
internal sealed class RawResponseTransport : HttpClientPipelineTransport
{
    private static readonly HttpRequestOptionsKey<PipelineMessage> MessageKey = new("cigate.pipeline-message");

    public RawResponseTransport(HttpClient client)
        : base(client)
    {
    }

    /// <summary>The handler to put under the HttpClient this transport is given.</summary>
    public static DelegatingHandler CreateHandler(HttpMessageHandler inner) => new ContentCapture(inner);

    public static bool TryGetContent(PipelineMessage message, out HttpContent? content)
    {
        content = message.TryGetProperty(typeof(RawResponseTransport), out var value) ? value as HttpContent : null;
        return content is not null;
    }

    protected override void OnSendingRequest(PipelineMessage message, HttpRequestMessage httpRequest)
    {
        base.OnSendingRequest(message, httpRequest);
        httpRequest.Options.Set(MessageKey, message);
    }

    private sealed class ContentCapture(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Options.TryGetValue(MessageKey, out var message))
            {
                message.SetProperty(typeof(RawResponseTransport), response.Content);
            }

            return response;
        }
    }
}
