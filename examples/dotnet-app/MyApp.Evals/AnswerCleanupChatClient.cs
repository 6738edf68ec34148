using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace MyApp.Evals;

/// <summary>
/// A post-processing step: the model sometimes labels its answer ("Answer: ...") and pads it with
/// spaces; users should see neither. Logs what it did with Console.WriteLine, as apps do: while
/// CiGate.Target serves, that goes to standard error, not into the protocol stream.
/// </summary>
internal sealed partial class AnswerCleanupChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        foreach (var message in response.Messages)
        {
            for (var i = 0; i < message.Contents.Count; i++)
            {
                if (message.Contents[i] is TextContent text && text.Text is { } raw)
                {
                    var clean = Clean(raw);
                    message.Contents[i] = new TextContent(clean);
                    Console.WriteLine($"MyApp.Evals: cleaned an answer ({raw.Length} -> {clean.Length} chars)");
                }
            }
        }

        return response;
    }

    public static string Clean(string answer) =>
        Spaces().Replace(Label().Replace(answer.Trim(), ""), " ");

    [GeneratedRegex(@"^(answer|a)\s*:\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Label();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
