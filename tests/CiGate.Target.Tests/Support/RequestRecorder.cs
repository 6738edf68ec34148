using System.Collections.Concurrent;
using System.Text.Json;

namespace CiGate.Target.Tests.Support;

/// <summary>Passes every HTTP request on to the real server, keeping a copy of its JSON body.</summary>
internal sealed class RequestRecorder() : DelegatingHandler(new SocketsHttpHandler())
{
    public ConcurrentQueue<JsonElement> Bodies { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.Content is not null)
        {
            var body = await request.Content.ReadAsByteArrayAsync(ct);
            using var doc = JsonDocument.Parse(body);
            Bodies.Enqueue(doc.RootElement.Clone());
        }

        return await base.SendAsync(request, ct);
    }
}
