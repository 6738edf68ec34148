using CiGate.Simulator.Text;

namespace CiGate.Simulator.Protocol;

/// <summary>The text actually emitted after <c>stop</c> and <c>max_tokens</c>, with its token boundaries.</summary>
internal sealed class ReplyPlan
{
    private ReplyPlan(string text, int[] tokenEnds, string finishReason)
    {
        Text = text;
        TokenEnds = tokenEnds;
        FinishReason = finishReason;
    }

    public string Text { get; }

    /// <summary>Exclusive end offset of each token in <see cref="Text"/>; one streamed chunk per token.</summary>
    public int[] TokenEnds { get; }

    /// <summary>"stop" or "length".</summary>
    public string FinishReason { get; }

    public int CompletionTokens => TokenEnds.Length;

    /// <param name="minTokens">Pads the reply (repeating its words) to at least this many tokens, as ignore_eos/min_tokens make a server do.</param>
    public static ReplyPlan Create(string reply, string[] stop, int? maxTokens, int minTokens = 0)
    {
        // Cut before the earliest occurrence of any stop sequence, as the OpenAI API does.
        var cut = reply.Length;
        foreach (var sequence in stop)
        {
            var at = sequence.Length == 0 ? -1 : reply.IndexOf(sequence, StringComparison.Ordinal);
            if (at >= 0 && at < cut)
            {
                cut = at;
            }
        }

        var text = cut == reply.Length ? reply : reply[..cut];
        var ends = SimpleTokenizer.TokenEnds(text);
        if (ends.Length < minTokens)
        {
            text = Pad(text, ends.Length, minTokens);
            ends = SimpleTokenizer.TokenEnds(text);
        }

        if (maxTokens is { } max && ends.Length > max)
        {
            text = max == 0 ? "" : text[..ends[max - 1]];
            return new ReplyPlan(text, ends[..max], "length");
        }

        return new ReplyPlan(text, ends, "stop");
    }

    private static string Pad(string text, int tokens, int minTokens)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Where(w => w.All(char.IsLetterOrDigit)).ToArray();
        if (words.Length == 0)
        {
            words = ["token"];
        }

        var builder = new System.Text.StringBuilder(text, text.Length + ((minTokens - tokens) * 8));
        for (var i = 0; tokens < minTokens; i++, tokens++)
        {
            builder.Append(' ').Append(words[i % words.Length]);
        }

        return builder.ToString();
    }

    public ReadOnlySpan<char> Token(int index) =>
        Text.AsSpan(index == 0 ? 0 : TokenEnds[index - 1], TokenEnds[index] - (index == 0 ? 0 : TokenEnds[index - 1]));
}
