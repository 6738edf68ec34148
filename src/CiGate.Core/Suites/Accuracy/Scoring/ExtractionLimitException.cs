namespace CiGate.Core.Suites.Accuracy.Scoring;

/// <summary>
/// A model output too large (or too repetitive) to extract from within bounded time. The plan
/// scores the sample invalid with this message as its reason; the run goes on.
/// </summary>
public sealed class ExtractionLimitException(string message) : Exception(message)
{
    /// <summary>The most characters a filter reads: far above any real answer (a 64k-token output is ~256k characters).</summary>
    public const int MaxInputChars = 1 << 18;

    /// <summary>The most matches a <c>select: last</c> step walks (all of them together also get only the pattern's match timeout).</summary>
    public const int MaxMatches = 100_000;
}
