using System.Net.Http.Headers;
using System.Text;

namespace CiGate.Core.Targets.Http;

/// <summary>One case's request, rendered once and sent on every attempt.</summary>
/// <param name="Headers">The templated headers rendered for this case: as sent and as keyed.</param>
internal sealed record HttpRenderedRequest(
    string Method,
    Uri Url,
    byte[]? Body,
    IReadOnlyDictionary<string, (string Send, string Key)> Headers)
{
    /// <summary>
    /// What the cache key hashes: method, URL, the headers as written (each <c>${env:NAME}</c>
    /// unresolved, so no secret value reaches a key), the body and the reply mode.
    /// </summary>
    public byte[] KeyMaterial(IReadOnlyDictionary<string, string> headersAsWritten, bool stream)
    {
        var text = new StringBuilder();
        text.Append(Method).Append('\n').Append(Url.AbsoluteUri).Append('\n').Append(stream ? "sse" : "json").Append('\n');
        foreach (var (name, written) in headersAsWritten.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            var value = Headers.TryGetValue(name, out var rendered) ? rendered.Key : written;
            text.Append(name.ToLowerInvariant()).Append(": ").Append(value).Append('\n');
        }

        text.Append('\n');
        return [.. Encoding.UTF8.GetBytes(text.ToString()), .. Body ?? []];
    }

    /// <param name="headers">The headers to send, secrets resolved.</param>
    public HttpRequestMessage ToMessage(IReadOnlyDictionary<string, string> headers, bool stream)
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        message.Headers.Accept.ParseAdd(stream ? "text/event-stream" : "application/json");
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        foreach (var (name, resolved) in headers)
        {
            var value = Headers.TryGetValue(name, out var rendered) ? rendered.Send : resolved;
            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                if (message.Content is { } content)
                {
                    content.Headers.Remove(name);
                    content.Headers.TryAddWithoutValidation(name, value);
                }
            }
            else
            {
                message.Headers.Remove(name);
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }
}
