using System.Text;
using System.Text.Json;

namespace CiGate.Core.Targets;

/// <summary>Turns server error bodies and exception messages into short, single-line, key-free text.</summary>
internal static class ErrorText
{
    public const int MaxServerMessageLength = 200;

    /// <summary>The server's error message: OpenAI's error.message, a few common variants, else the raw body.</summary>
    /// <param name="secret">Redacted before truncation, so not even a prefix of it survives.</param>
    public static string FromBody(ReadOnlySpan<byte> body, string? secret) => FromBody(body, text => Redact(text, secret));

    /// <summary>The server's error message with every one of the target's secrets masked.</summary>
    public static string FromBody(ReadOnlySpan<byte> body, TargetSecrets secrets) => FromBody(body, secrets.Redact);

    private static string FromBody(ReadOnlySpan<byte> body, Func<string, string> redact)
    {
        string? message = null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(body.ToArray());
            JsonElement root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                message = FindMessage(root);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, plain text): the raw body is the message.
        }

        message ??= Encoding.UTF8.GetString(body.Length > 4 * MaxServerMessageLength ? body[..(4 * MaxServerMessageLength)] : body);
        string line = OneLine(redact(message), MaxServerMessageLength);
        return line.Length > 0 ? line : "(no error message in the response)";
    }

    /// <summary>Collapses whitespace runs (newlines included) to one space and truncates with an ellipsis.</summary>
    public static string OneLine(string text, int maxLength)
    {
        var builder = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        bool pendingSpace = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
            if (builder.Length > maxLength)
            {
                builder.Length = maxLength;
                return builder.Append('…').ToString();
            }
        }

        return builder.ToString();
    }

    /// <summary>Masks a secret wherever a server or library echoed it back.</summary>
    public static string Redact(string text, string? secret) =>
        string.IsNullOrEmpty(secret) ? text : text.Replace(secret, "***", StringComparison.Ordinal);

    private static string? FindMessage(JsonElement root)
    {
        if (root.TryGetProperty("error", out JsonElement error))
        {
            if (error.ValueKind == JsonValueKind.String)
            {
                return error.GetString();
            }

            if (error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out JsonElement nested)
                && nested.ValueKind == JsonValueKind.String)
            {
                return nested.GetString();
            }
        }

        foreach (string name in (ReadOnlySpan<string>)["message", "detail"])
        {
            if (root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
        }

        return null;
    }
}
