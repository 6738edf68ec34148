using System.Text;
using System.Text.Json;

namespace CiGate.Core.Targets.Http;

/// <summary>
/// Reads a 2xx reply into JSON documents: the whole body, or the <c>data:</c> of each
/// server-sent event up to <c>[DONE]</c>. Secrets are masked in the text before it is parsed,
/// so neither the mapped result nor the cache can hold one the app echoed.
/// </summary>
internal static class HttpReplyReader
{
    /// <summary>The documents, as parsed, and as the JSON list the cache keeps; or the problem.</summary>
    public static async Task<(List<JsonElement>? Events, string Raw, string Problem)> ReadAsync(
        HttpContent content, bool stream, TargetSecrets secrets, CancellationToken ct)
    {
        var texts = new List<string>();
        if (stream)
        {
            using var reader = new StreamReader(await content.ReadAsStreamAsync(ct), Encoding.UTF8);
            await foreach (var data in ServerSentEvents(reader, ct))
            {
                texts.Add(secrets.Redact(data));
            }
        }
        else
        {
            var body = secrets.Redact(await content.ReadAsStringAsync(ct));
            if (body.Trim().Length > 0)
            {
                texts.Add(body);
            }
        }

        var events = new List<JsonElement>(texts.Count);
        foreach (var text in texts)
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                events.Add(document.RootElement.Clone());
            }
            catch (JsonException)
            {
                var what = stream ? $"event {events.Count + 1} of the stream" : "the reply";
                return (null, "", $"{what} is not JSON: {ErrorText.OneLine(text, 80)}");
            }
        }

        return (events, JsonSerializer.Serialize(events), "");
    }

    /// <summary>A cached reply mapped again (the map may have changed since); null when the entry is not one of ours.</summary>
    public static HttpReply? FromCache(string raw, HttpResponseMap map)
    {
        try
        {
            using var document = JsonDocument.Parse(raw);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var events = document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
            return HttpReplyMapper.TryMap(events, map, out var reply, out _) ? reply : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The data of each event (multi-line data joined with newlines); comments, ids and event names are skipped.</summary>
    private static async IAsyncEnumerable<string> ServerSentEvents(
        StreamReader reader, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    var text = data.ToString();
                    data.Clear();
                    if (text == "[DONE]")
                    {
                        yield break;
                    }

                    yield return text;
                }

                continue;
            }

            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                var value = line.AsSpan(5);
                if (data.Length > 0)
                {
                    data.Append('\n');
                }

                data.Append(value.StartsWith(" ") ? value[1..] : value);
            }
        }

        if (data.Length > 0 && data.ToString() != "[DONE]")
        {
            yield return data.ToString();
        }
    }
}
