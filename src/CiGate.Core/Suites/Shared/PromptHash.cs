using System.Text;
using CiGate.Core.Targets;

namespace CiGate.Core.Suites.Shared;

/// <summary>
/// The prompt hash every item-scheduled kind writes, so base and head items pair only when they asked the same thing.
/// </summary>
public static class PromptHash
{
    /// <summary>
    /// Identifies the exact request content: the API, the prompt and every message (role and content).
    /// </summary>
    public static string Of(ModelRequest request)
    {
        var text = new StringBuilder();
        text.Append(request.Api).Append('\0');
        if (request.Prompt is { } prompt)
        {
            text.Append(prompt);
        }

        foreach (var message in request.Messages ?? [])
        {
            text.Append(message.Role).Append('\0').Append(message.Content).Append('\0');
        }

        return Config.Hashing.Sha256Hex(text.ToString())[..16];
    }
}
