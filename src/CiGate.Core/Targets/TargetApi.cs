namespace CiGate.Core.Targets;

/// <summary>Which OpenAI-compatible endpoint a request goes to.</summary>
public enum TargetApi
{
    /// <summary><c>POST {BaseUrl}/chat/completions</c> with a messages array.</summary>
    Chat,

    /// <summary><c>POST {BaseUrl}/completions</c> with a raw prompt (base models, few-shot prompts).</summary>
    Completions,

    /// <summary><c>POST {BaseUrl}/embeddings</c>: only graders use it (the `similar` assertion), never a suite's own requests.</summary>
    Embeddings,

    /// <summary><c>POST {BaseUrl}/moderations</c>: only the `moderation` assertion's endpoint provider uses it.</summary>
    Moderations,
}
