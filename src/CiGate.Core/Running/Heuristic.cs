using CiGate.Core.Targets;

namespace CiGate.Core.Running;

/// <summary>
/// Tokens per sample when nothing was measured: prompt tokens from the rendered prompt's length at
/// <see cref="CharsPerToken"/> characters a token, completion tokens from the request's
/// <c>max_tokens</c> (an upper bound); a kind that cannot render its requests ahead (perf, safety,
/// tools) gets <see cref="DefaultPromptTokens"/> and <see cref="DefaultCompletionTokens"/>.
/// </summary>
public static class Heuristic
{
    public const int CharsPerToken = 4;
    public const int DefaultPromptTokens = 256;
    public const int DefaultCompletionTokens = 256;

    public const string RenderedBasis = "prompt: rendered length / 4 chars per token; completion: max_tokens";
    public const string DefaultBasis = "no rendered prompts: 256 prompt + 256 completion tokens per request";

    /// <summary>Mean tokens of one sample by item id (where rendered) and overall, and the basis to state.</summary>
    public static SampleEstimate Estimate(ISuitePlan plan)
    {
        var byItem = new Dictionary<string, (double Prompt, double Completion)>(StringComparer.Ordinal);
        List<ModelRequest> requests;
        try
        {
            requests = [.. plan.CaseRequests()];
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            requests = []; // a prompt that fails to render fails its item at run time, not the estimate
        }

        if (requests.Count == 0)
        {
            return new SampleEstimate(DefaultPromptTokens, DefaultCompletionTokens, byItem, DefaultBasis);
        }

        double prompt = 0, completion = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            var tokens = (
                Prompt: Math.Ceiling(Chars(requests[i]) / (double)CharsPerToken),
                Completion: (double)requests[i].MaxTokens);
            prompt += tokens.Prompt;
            completion += tokens.Completion;
            if (requests[i].ItemId is { } id)
            {
                byItem[id] = tokens;
            }
            else if (requests.Count == plan.ItemCount)
            {
                byItem[plan.ItemId(i)] = tokens;
            }
        }

        return new SampleEstimate(prompt / requests.Count, completion / requests.Count, byItem, RenderedBasis);
    }

    private static long Chars(ModelRequest request) =>
        (request.Prompt?.Length ?? 0) + (request.Messages?.Sum(m => (long)m.Content.Length) ?? 0);
}

/// <summary>Mean prompt and completion tokens per sample, per item where known, and how they were found.</summary>
public sealed record SampleEstimate(
    double Prompt,
    double Completion,
    IReadOnlyDictionary<string, (double Prompt, double Completion)> ByItem,
    string Basis);
