using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using CiGate.Core.Text;

namespace CiGate.Core.Targets.Exec;

/// <summary>
/// The lines of <c>cigate-exec/1</c> that cigate writes (hello, request) and reads (hello,
/// response, error). One JSON object per line, UTF-8, <c>\n</c>-terminated; see docs/targets/exec-protocol.md.
/// </summary>
internal static class ExecProtocol
{
    public const string Version = "cigate-exec/1";

    /// <summary>
    /// The revision of version 1 cigate speaks, sent in its hello. Revisions only add optional
    /// fields that the other side may ignore: 2 added the request surface (tools, tool_choice,
    /// parallel_tool_calls, response_format) and keeps the reply's trace.
    /// </summary>
    public const int Revision = 2;

    // Text goes to a process, never into HTML: relaxed escaping keeps non-ASCII text readable.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Hello() => "{\"type\":\"hello\",\"protocol\":\"cigate-exec/1\",\"revision\":2}\n"u8.ToArray();

    /// <summary>
    /// The request line. With <paramref name="id"/> null, id and item are left out: the cache key's input.
    /// </summary>
    public static byte[] Request(ModelRequest request, string? id)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "request");
            if (id is not null)
            {
                writer.WriteString("id", id);
                writer.WriteString("item", request.ItemId);
            }

            WriteMessages(writer, request.Messages);
            writer.WriteString("prompt", request.Prompt);
            writer.WritePropertyName("vars");
            writer.WriteRawValue(PlainJson.Compact(request.Vars ?? new Dictionary<string, object?>()));
            writer.WriteStartObject("options");
            writer.WriteNumber("max_tokens", request.MaxTokens);
            writer.WriteNumber("temperature", request.Temperature);
            if (request.Seed is { } seed)
            {
                writer.WriteNumber("seed", seed);
            }
            else
            {
                writer.WriteNull("seed");
            }

            writer.WriteStartArray("stop");
            foreach (var stop in request.Stop)
            {
                writer.WriteStringValue(stop);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            WriteSurface(writer, request.Surface);
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// A line as a protocol object; anything else (log output, other JSON) is <see cref="ExecReply.NotProtocol"/>.
    /// </summary>
    public static ExecReply Parse(string line)
    {
        if (line.Length == 0 || line.TrimStart()[0] != '{')
        {
            return ExecReply.NotProtocol;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object ? Read(root, requireType: true) : ExecReply.NotProtocol;
        }
        catch (JsonException)
        {
            return ExecReply.NotProtocol;
        }
    }

    /// <summary>
    /// A one-shot command's whole stdout: a reply object (type response or error, or any object with
    /// an <c>output</c> key), else the text itself is the output.
    /// </summary>
    public static ExecReply ParseOnce(string stdout)
    {
        var trimmed = stdout.Trim();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                var reply = Read(document.RootElement, requireType: false);
                if (reply.Kind is ExecReplyKind.Response or ExecReplyKind.Error)
                {
                    return reply;
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: the text is the answer.
            }
        }

        return new ExecReply(ExecReplyKind.Response, null) { Output = stdout.TrimEnd('\n', '\r') };
    }

    private static ExecReply Read(JsonElement root, bool requireType)
    {
        var type = Text(root, "type");
        string? id = null;
        if (root.TryGetProperty("id", out var idElement))
        {
            id = idElement.ValueKind switch
            {
                JsonValueKind.String => idElement.GetString(),
                JsonValueKind.Number => idElement.GetRawText(),
                _ => null,
            };
        }

        if (type is null && !requireType && root.TryGetProperty("output", out _))
        {
            type = "response";
        }

        return type switch
        {
            "hello" => new ExecReply(ExecReplyKind.Hello, null)
            {
                Protocol = Text(root, "protocol"), App = Text(root, "app"), Version = Text(root, "version"),
            },
            "error" => new ExecReply(ExecReplyKind.Error, id)
            {
                Message = Text(root, "message") ?? "(no message)",
                Retryable = root.TryGetProperty("retryable", out var retryable)
                    && retryable.ValueKind == JsonValueKind.True,
            },
            "response" => ExecResponseReader.Read(root, id),
            _ => ExecReply.NotProtocol,
        };
    }

    internal static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// <c>tools</c>, <c>tool_choice</c>, <c>parallel_tool_calls</c> and <c>response_format</c> as the
    /// suite or case wrote them (OpenAI's shapes), each only when set: a request without them is
    /// byte for byte what cigate-exec/1 sent before they existed, so cached answers stay valid.
    /// </summary>
    private static void WriteSurface(Utf8JsonWriter writer, RequestSurface? surface)
    {
        if (surface is null)
        {
            return;
        }

        if (surface.Tools is { } tools)
        {
            writer.WritePropertyName("tools");
            tools.WriteTo(writer);
        }

        if (surface.ToolChoice is { } choice)
        {
            writer.WritePropertyName("tool_choice");
            choice.WriteTo(writer);
        }

        if (surface.ParallelToolCalls is { } parallel)
        {
            writer.WriteBoolean("parallel_tool_calls", parallel);
        }

        if (surface.ResponseFormat is { } format)
        {
            writer.WritePropertyName("response_format");
            format.WriteTo(writer);
        }
    }

    private static void WriteMessages(Utf8JsonWriter writer, IReadOnlyList<ChatMessage>? messages)
    {
        if (messages is null)
        {
            writer.WriteNull("messages");
            return;
        }

        writer.WriteStartArray("messages");
        foreach (var message in messages)
        {
            writer.WriteStartObject();
            writer.WriteString("role", message.Role);
            writer.WriteString("content", message.Content);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
