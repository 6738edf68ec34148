using System.Globalization;
using System.Text;
using System.Text.Json;
using CiGate.Core.Datasets;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Coverage;

/// <summary>
/// Reads logged traffic: JSONL or CSV (a <c>prompt</c> or <c>messages</c> field, optional <c>model</c> and
/// <c>feedback</c>), or OpenTelemetry GenAI spans exported as OTLP JSON (<c>.json</c>: <c>resourceSpans</c>,
/// attributes <c>gen_ai.input.messages</c>, <c>gen_ai.request.model</c>). Every text is redacted
/// (<see cref="PiiRedactor"/>) as it is read, so nothing downstream ever holds the raw text.
/// Negative feedback: a number ≤ 0, <c>false</c>, or one of negative, thumbs_down, down, bad, dislike.
/// </summary>
public static class TrafficReader
{
    private static readonly HashSet<string> NegativeWords =
        new(["negative", "thumbs_down", "thumbsdown", "down", "bad", "dislike"], StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<TrafficRecord> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.TrafficNotFound,
                $"traffic file '{path}' not found", path));
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        var records = extension switch
        {
            ".jsonl" or ".ndjson" => ReadJsonl(path),
            ".csv" => ReadCsv(path),
            ".json" => OtelSpans.Read(path),
            _ => throw new CiGateException(new Diagnostic(DiagnosticCodes.TrafficFormatUnknown,
                $"traffic file '{Path.GetFileName(path)}': unknown format '{extension}'; use .jsonl, .csv or .json (OpenTelemetry export)", path)),
        };
        if (records.Count == 0)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.TrafficEmpty, "traffic file holds no records",
                path));
        }

        return records;
    }

    internal static bool IsNegative(string? feedback)
    {
        if (string.IsNullOrWhiteSpace(feedback))
        {
            return false;
        }

        var value = feedback.Trim();
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number <= 0
            : value.Equals("false", StringComparison.OrdinalIgnoreCase) || NegativeWords.Contains(value);
    }

    /// <summary>The user's words of a chat: the contents of <c>user</c> messages (all messages if none is a
    /// user's).</summary>
    internal static string MessagesText(JsonElement messages)
    {
        var user = new StringBuilder();
        var all = new StringBuilder();
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String
                ? r.GetString() : null;
            var text = MessageContent(message);
            if (text.Length == 0)
            {
                continue;
            }

            all.Append(all.Length > 0 ? "\n" : "").Append(text);
            if (role == "user")
            {
                user.Append(user.Length > 0 ? "\n" : "").Append(text);
            }
        }

        return user.Length > 0 ? user.ToString() : all.ToString();
    }

    /// <summary>OpenAI's <c>content</c> (a string or parts with <c>text</c>) or OTel's <c>parts</c> with
    /// <c>content</c>.</summary>
    private static string MessageContent(JsonElement message)
    {
        var text = new StringBuilder();
        void Part(JsonElement part)
        {
            if (part.ValueKind == JsonValueKind.String)
            {
                text.Append(part.GetString());
            }
            else if (part.ValueKind == JsonValueKind.Object)
            {
                foreach (var key in new[] { "text", "content" })
                {
                    if (part.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String)
                    {
                        text.Append(text.Length > 0 ? " " : "").Append(v.GetString());
                        break;
                    }
                }
            }
        }

        foreach (var key in new[] { "content", "parts" })
        {
            if (!message.TryGetProperty(key, out var content))
            {
                continue;
            }

            if (content.ValueKind == JsonValueKind.Array)
            {
                foreach (var part in content.EnumerateArray())
                {
                    Part(part);
                }
            }
            else
            {
                Part(content);
            }
        }

        return text.ToString();
    }

    private static List<TrafficRecord> ReadJsonl(string path)
    {
        var records = new List<TrafficRecord>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                throw new CiGateException(new Diagnostic(DiagnosticCodes.TrafficMalformed,
                    $"traffic record is not valid JSON: {FirstSentence(ex.Message)}", path, lineNumber,
                        (int)(ex.BytePositionInLine ?? 0) + 1));
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new CiGateException(new Diagnostic(DiagnosticCodes.TrafficMalformed,
                        "traffic record is not a JSON object", path, lineNumber, 1));
                }

                string? text = null;
                if (root.TryGetProperty("prompt", out var prompt) && prompt.ValueKind == JsonValueKind.String)
                {
                    text = prompt.GetString();
                }
                else if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
                {
                    text = MessagesText(messages);
                }

                if (string.IsNullOrWhiteSpace(text))
                {
                    throw new CiGateException(new Diagnostic(DiagnosticCodes.TrafficFieldMissing,
                        "traffic record has no 'prompt' string nor 'messages' array with text", path, lineNumber, 1));
                }

                var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String
                    ? m.GetString() : null;
                var feedback = root.TryGetProperty("feedback", out var f) ? Scalar(f) : null;
                records.Add(new TrafficRecord(lineNumber, PiiRedactor.Redact(text), model, IsNegative(feedback)));
            }
        }

        return records;
    }

    private static List<TrafficRecord> ReadCsv(string path)
    {
        var records = new List<TrafficRecord>();
        using var reader = new StreamReader(path, Encoding.UTF8);
        int prompt = -1, messages = -1, model = -1, feedback = -1;
        var header = true;
        foreach (var (line, fields) in CsvReader.Read(reader))
        {
            if (header)
            {
                header = false;
                prompt = fields.FindIndex(f => f.Trim().Equals("prompt", StringComparison.OrdinalIgnoreCase));
                messages = fields.FindIndex(f => f.Trim().Equals("messages", StringComparison.OrdinalIgnoreCase));
                model = fields.FindIndex(f => f.Trim().Equals("model", StringComparison.OrdinalIgnoreCase));
                feedback = fields.FindIndex(f => f.Trim().Equals("feedback", StringComparison.OrdinalIgnoreCase));
                if (prompt < 0 && messages < 0)
                {
                    throw new CiGateException(new Diagnostic(DiagnosticCodes.TrafficFieldMissing,
                        "traffic CSV header has no 'prompt' nor 'messages' column", path, line, 1));
                }

                continue;
            }

            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            string? text = prompt >= 0 && prompt < fields.Count ? fields[prompt] : null;
            if (string.IsNullOrWhiteSpace(text) && messages >= 0 && messages < fields.Count
                && fields[messages].Length > 0)
            {
                try
                {
                    using var document = JsonDocument.Parse(fields[messages]);
                    text = document.RootElement.ValueKind == JsonValueKind.Array ? MessagesText(document.RootElement)
                        : null;
                }
                catch (JsonException ex)
                {
                    throw new CiGateException(new Diagnostic(DiagnosticCodes.TrafficMalformed,
                        $"traffic CSV 'messages' is not a JSON array: {FirstSentence(ex.Message)}", path, line, 1));
                }
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                throw new CiGateException(new Diagnostic(DiagnosticCodes.TrafficFieldMissing,
                    "traffic CSV row has an empty 'prompt' and no 'messages'", path, line, 1));
            }

            records.Add(new TrafficRecord(
                line,
                PiiRedactor.Redact(text),
                model >= 0 && model < fields.Count && fields[model].Length > 0 ? fields[model] : null,
                feedback >= 0 && feedback < fields.Count && IsNegative(fields[feedback])));
        }

        return records;
    }

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Object when value.TryGetProperty("score", out var s) => Scalar(s),
        JsonValueKind.Object when value.TryGetProperty("rating", out var r) => Scalar(r),
        _ => null,
    };

    internal static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).ReplaceLineEndings(" ");
    }
}
