using System.Text.Json;
using Microsoft.Extensions.AI;

namespace CiGate.Target;

/// <summary>
/// One <c>request</c> line of the cigate-exec/1 protocol. <see cref="ToChatMessages"/> and
/// <see cref="ToChatOptions"/> give it to an <see cref="IChatClient"/> the way
/// <see cref="CiGateTarget.ServeAsync(IChatClient, CiGateTargetOptions?, CancellationToken)"/> does.
/// </summary>
public sealed class TargetRequest
{
    /// <summary>The request id; the reply carries it back.</summary>
    public required string Id { get; init; }

    /// <summary>The case or item id the request is for (null when cigate has none).</summary>
    public string? Item { get; init; }

    /// <summary>The chat messages (the rendered prompt); empty for a text-completion request.</summary>
    public IReadOnlyList<TargetMessage> Messages { get; init; } = [];

    /// <summary>The rendered prompt text of a text-completion request; null for chat.</summary>
    public string? Prompt { get; init; }

    /// <summary>The case's variables, as JSON values.</summary>
    public IReadOnlyDictionary<string, JsonElement> Vars { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>The decoding settings.</summary>
    public TargetGenerationOptions Options { get; init; } = new();

    /// <summary>OpenAI-style tool definitions (<c>{"type":"function","function":{...}}</c>); empty when none.</summary>
    public IReadOnlyList<JsonElement> Tools { get; init; } = [];

    /// <summary>OpenAI's <c>tool_choice</c> (auto, none, required or a named function), when sent.</summary>
    public JsonElement? ToolChoice { get; init; }

    /// <summary>OpenAI's <c>response_format</c> (text, json_object or json_schema), when sent.</summary>
    public JsonElement? ResponseFormat { get; init; }

    /// <summary>OpenAI's <c>parallel_tool_calls</c>, when sent: whether one answer may call several tools.</summary>
    public bool? ParallelToolCalls { get; init; }

    /// <summary>The whole request line, for fields this type does not name.</summary>
    public JsonElement Json { get; init; }

    /// <summary>
    /// The messages as <see cref="ChatMessage"/>s: roles map one to one (developer becomes system),
    /// text and image parts become contents, an assistant's tool calls become
    /// <see cref="FunctionCallContent"/> and a tool message a <see cref="FunctionResultContent"/>.
    /// A request with a prompt and no messages becomes one user message.
    /// </summary>
    /// <exception cref="CiGateTargetException">A message is malformed (not retryable).</exception>
    public IList<ChatMessage> ToChatMessages() => ChatRequestMapping.ToChatMessages(this);

    /// <summary>
    /// The settings as <see cref="ChatOptions"/>: max_tokens → MaxOutputTokens, temperature, seed,
    /// stop → StopSequences, tools → declaration-only functions (the app's own client decides
    /// whether to run them), tool_choice → ToolMode, response_format → ResponseFormat.
    /// </summary>
    /// <exception cref="CiGateTargetException">A tool or response format is malformed (not retryable).</exception>
    public ChatOptions ToChatOptions() => ChatRequestMapping.ToChatOptions(this);
}
