using CiGate.Core.Targets;

namespace CiGate.Core.Results;

/// <summary>How every suite kind fills a record from the target's answer, or from its failure.</summary>
public static class ItemRecordExtensions
{
    public static ItemRecord WithResponse(this ItemRecord record, ModelResponse response, IReadOnlyDictionary<string, string> extracted, IReadOnlyDictionary<string, double> scores) =>
        record with
        {
            Output = response.Text,
            FinishReason = response.FinishReason,
            Extracted = extracted,
            Scores = scores,
            LatencyMs = response.LatencyMs,
            PromptTokens = response.Usage?.PromptTokens,
            CompletionTokens = response.Usage?.CompletionTokens,
            Attempts = response.Attempts,
            Cached = response.FromCache,
            ServedModel = response.ServedModel,
            SystemFingerprint = response.SystemFingerprint,
            CachedTokens = response.Usage?.CachedTokens,
            ReasoningTokens = response.Usage?.ReasoningTokens,
            Reasoning = response.Reasoning,
            Refusal = response.Refusal,
            ToolCalls = response.ToolCalls.Count == 0 ? null : response.ToolCalls,
            Trace = response.Trace,
        };

    /// <summary>A sample whose call failed after its retries: no scores, the error kept for the report and for resume.</summary>
    public static ItemRecord WithFailure(this ItemRecord record, TargetException error, TimeSpan elapsed) =>
        record with { Error = error.Message, ErrorKind = error.Kind.ToString(), Attempts = error.Attempts, LatencyMs = elapsed.TotalMilliseconds };
}
