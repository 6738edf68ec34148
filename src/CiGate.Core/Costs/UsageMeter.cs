using CiGate.Core.Targets;

namespace CiGate.Core.Costs;

/// <summary>
/// Counts the requests one sample sends, by target, as they return: the runner opens a meter
/// around each sample (it flows with the async calls of that sample only), and every client it
/// hands out reports here. So a judge's or an embedding model's tokens are counted apart from the
/// target's, for every suite kind alike, and a budget sees what was really spent.
/// </summary>
public sealed class UsageMeter
{
    private static readonly AsyncLocal<UsageMeter?> Active = new();
    private readonly object gate = new();
    private readonly List<Call> calls = [];

    /// <summary>The meter of the sample running on this async flow; null outside a sample.</summary>
    public static UsageMeter? Current => Active.Value;

    /// <summary>Opens a meter for the calls that follow on this async flow (until the caller returns).</summary>
    public static UsageMeter Begin()
    {
        var meter = new UsageMeter();
        Active.Value = meter;
        return meter;
    }

    public void Record(string target, TokenUsage? usage, bool fromCache)
    {
        lock (gate)
        {
            calls.Add(new Call(target, usage?.PromptTokens ?? 0, usage?.CompletionTokens ?? 0, fromCache));
        }
    }

    public IReadOnlyList<Call> Calls
    {
        get
        {
            lock (gate)
            {
                return [.. calls];
            }
        }
    }

    /// <summary>One returned request: its target, tokens, and whether the cache answered it (nothing spent).</summary>
    public sealed record Call(string Target, long PromptTokens, long CompletionTokens, bool FromCache);
}
