namespace CiGate.Simulator.Protocol;

/// <summary>The parts of a completion request the simulator acts on; sampling settings are ignored (greedy model).</summary>
/// <param name="Prompt">The last user message (chat) or the prompt (completions).</param>
/// <param name="Instructions">System and developer messages joined by blank lines (chat only).</param>
internal sealed record CompletionRequest(
    string Model,
    string Prompt,
    int PromptTokens,
    bool Stream,
    bool IncludeUsage,
    int? MaxTokens,
    string[] Stop,
    string Instructions = "")
{
    /// <summary>vLLM's <c>ignore_eos</c>: generate exactly <see cref="MaxTokens"/> tokens.</summary>
    public bool IgnoreEos { get; init; }

    /// <summary>vLLM's <c>min_tokens</c>: generate at least this many tokens.</summary>
    public int MinTokens { get; init; }

    /// <summary>vLLM's <c>stream_options.continuous_usage_stats</c>: usage on every chunk.</summary>
    public bool ContinuousUsage { get; init; }

    /// <summary>The conversation's last message is a tool result: the model answers it in text.</summary>
    public bool AfterToolResult { get; init; }

    /// <summary>The names of the functions the request's <c>tools</c> offer; empty when none.</summary>
    public IReadOnlyList<string> ToolNames { get; init; } = [];

    /// <summary><c>response_format.type</c> (json_object, json_schema); null for plain text.</summary>
    public string? ResponseFormat { get; init; }

    /// <summary><c>response_format.json_schema.schema</c> as JSON text, for json_schema.</summary>
    public string? JsonSchema { get; init; }

    /// <summary>
    /// The request asked for reasoning: <c>reasoning_effort</c> or <c>chat_template_kwargs.enable_thinking: true</c>.
    /// </summary>
    public bool WantsReasoning { get; init; }
}
