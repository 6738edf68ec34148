using System.Text.Json;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Coverage;

/// <summary>
/// OpenTelemetry GenAI spans in the OTLP JSON export (<c>resourceSpans[].scopeSpans[].spans[]</c>, attributes as
/// <c>{key, value: {stringValue | intValue | ...}}</c>). A span is a request when it carries
/// <c>gen_ai.input.messages</c>: the semantic conventions' JSON (a string attribute holding
/// <c>[{"role", "parts": [{"type": "text", "content"}]}]</c>). Other spans (tools, HTTP) are skipped.
/// </summary>
internal static class OtelSpans
{
    public const string InputMessages = "gen_ai.input.messages";
    public const string RequestModel = "gen_ai.request.model";

    public static List<TrafficRecord> Read(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.TrafficMalformed,
                $"OpenTelemetry export is not valid JSON: {TrafficReader.FirstSentence(ex.Message)}",
                path, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("resourceSpans", out var resourceSpans)
                || resourceSpans.ValueKind != JsonValueKind.Array)
            {
                throw new CiGateException(new Diagnostic(DiagnosticCodes.TrafficMalformed,
                    "a .json traffic file must be an OTLP JSON export with a 'resourceSpans' array", path, 1, 1));
            }

            var records = new List<TrafficRecord>();
            var index = 0;
            foreach (var span in Spans(resourceSpans))
            {
                index++;
                var attributes = Attributes(span);
                if (!attributes.TryGetValue(InputMessages, out var messages))
                {
                    continue;
                }

                string text;
                try
                {
                    using var parsed = JsonDocument.Parse(messages);
                    text = parsed.RootElement.ValueKind == JsonValueKind.Array
                        ? TrafficReader.MessagesText(parsed.RootElement) : "";
                }
                catch (JsonException ex)
                {
                    throw new CiGateException(new Diagnostic(DiagnosticCodes.TrafficMalformed,
                        $"span {index}: '{InputMessages}' is not a JSON array: {TrafficReader.FirstSentence(ex.Message)}", path));
                }

                if (string.IsNullOrWhiteSpace(text))
                {
                    throw new CiGateException(new Diagnostic(DiagnosticCodes.TrafficFieldMissing,
                        $"span {index}: '{InputMessages}' holds no text", path));
                }

                attributes.TryGetValue(RequestModel, out var model);
                records.Add(new TrafficRecord(index, PiiRedactor.Redact(text), model, false));
            }

            return records;
        }
    }

    private static IEnumerable<JsonElement> Spans(JsonElement resourceSpans)
    {
        foreach (var resource in resourceSpans.EnumerateArray())
        {
            if (resource.ValueKind != JsonValueKind.Object || !resource.TryGetProperty("scopeSpans", out var scopes)
                || scopes.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var scope in scopes.EnumerateArray())
            {
                if (scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("spans", out var spans)
                    && spans.ValueKind == JsonValueKind.Array)
                {
                    foreach (var span in spans.EnumerateArray())
                    {
                        yield return span;
                    }
                }
            }
        }
    }

    /// <summary>String and integer attributes as text; an array value (a structured <c>gen_ai.input.messages</c>) as
    /// its JSON.</summary>
    private static Dictionary<string, string> Attributes(JsonElement span)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (span.ValueKind != JsonValueKind.Object || !span.TryGetProperty("attributes", out var attributes)
            || attributes.ValueKind != JsonValueKind.Array)
        {
            return map;
        }

        foreach (var attribute in attributes.EnumerateArray())
        {
            if (attribute.ValueKind != JsonValueKind.Object || !attribute.TryGetProperty("key", out var key)
                || key.ValueKind != JsonValueKind.String
                || !attribute.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var property in value.EnumerateObject())
            {
                map[key.GetString()!] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()! : property.Value.GetRawText();
                break;
            }
        }

        return map;
    }
}
