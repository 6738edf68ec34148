using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace CiGate.Target;

/// <summary>A <see cref="ChatResponse"/> as a <see cref="TargetReply"/>.</summary>
internal static class ChatResponseMapping
{
    // AIJsonUtilities.DefaultOptions indents; a tool call's arguments are one compact JSON text.
    private static readonly JsonSerializerOptions CompactJson =
        new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    public static TargetReply ToReply(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var contents = response.Messages.SelectMany(m => m.Contents).ToList();
        var reasoning = new StringBuilder();
        var anyReasoning = false;
        foreach (var part in contents.OfType<TextReasoningContent>())
        {
            reasoning.Append(part.Text);
            anyReasoning = true;
        }

        var refusal = contents.OfType<ErrorContent>()
            .FirstOrDefault(e => string.Equals(e.ErrorCode, "Refusal", StringComparison.OrdinalIgnoreCase));
        return new TargetReply
        {
            Output = response.Text,
            ToolCalls = [.. contents.OfType<FunctionCallContent>().Select(ToolCall)],
            Reasoning = anyReasoning ? reasoning.ToString() : null,
            Refusal = refusal?.Message,
            FinishReason = response.FinishReason?.Value,
            Usage = response.Usage is { } u
                ? new TargetUsage
                {
                    PromptTokens = u.InputTokenCount,
                    CompletionTokens = u.OutputTokenCount,
                    CachedTokens = u.CachedInputTokenCount,
                    ReasoningTokens = u.ReasoningTokenCount,
                }
                : null,
            Model = response.ModelId,
        };
    }

    private static TargetToolCall ToolCall(FunctionCallContent call) =>
        new(string.IsNullOrEmpty(call.CallId) ? null : call.CallId, call.Name, Arguments(call));

    // The model's own argument text where the adapter kept it: Microsoft.Extensions.AI.OpenAI keeps the
    // SDK's ChatToolCall as RawRepresentation, whose FunctionArguments (BinaryData) is the text as sent.
    // That way JSON the model got wrong reaches cigate's scorers as it was, not as "null" after a
    // failed parse. Read by name so the package does not depend on the OpenAI SDK.
    private static string Arguments(FunctionCallContent call)
    {
        var raw = call.RawRepresentation?.GetType().GetProperty("FunctionArguments")?.GetValue(call.RawRepresentation);
        if (raw?.GetType().FullName == "System.BinaryData" && raw.ToString() is { } text)
        {
            return text;
        }

        // Arguments that failed to parse and left no text behind: an empty (invalid) text, not a
        // made-up "{}" that would pass a scorer's JSON check.
        if (call.Arguments is null)
        {
            return call.Exception is null ? "{}" : "";
        }

        return JsonSerializer.Serialize(call.Arguments, CompactJson);
    }
}
