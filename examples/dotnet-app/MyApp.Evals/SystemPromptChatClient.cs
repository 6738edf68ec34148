using Microsoft.Extensions.AI;

namespace MyApp.Evals;

/// <summary>A pipeline step that puts the app's system prompt first, unless the caller sent its own.</summary>
internal sealed class SystemPromptChatClient(IChatClient inner, string systemPrompt) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(WithSystemPrompt(messages), options, cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(WithSystemPrompt(messages), options, cancellationToken);

    private List<ChatMessage> WithSystemPrompt(IEnumerable<ChatMessage> messages)
    {
        var list = messages.ToList();
        if (!list.Any(m => m.Role == ChatRole.System))
        {
            list.Insert(0, new ChatMessage(ChatRole.System, systemPrompt));
        }

        return list;
    }
}
