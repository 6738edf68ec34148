namespace CiGate.Core.Suites.Perf.Server;

/// <summary>
/// `tokenizer: server`: synthetic prompts whose length is exact by the server's own tokenizer.
/// The first prompts are fitted one by one (count, add or drop the difference in words, count
/// again); once <see cref="Calibration"/> of them show the same fixed overhead (special tokens,
/// the prefix), the rest are sized from it without a call, as their words are one token each.
/// A tokenizer that merges words makes the overhead vary, and then every prompt is fitted.
/// </summary>
internal static class ServerPromptFitter
{
    public const string TokenizerName = "server";
    public const int Calibration = 16;
    private const int MaxRounds = 6;

    public static async Task<List<PerfPrompt>> FitAsync(PromptFactory factory, int count, ServerTokenCounter counter, CancellationToken ct)
    {
        var prompts = new List<PerfPrompt>(count);
        if (factory.FromDataset)
        {
            for (var i = 0; i < count; i++)
            {
                var prompt = factory.Create(i);
                prompts.Add(prompt with { PromptTokens = await counter.CountAsync(prompt.Text, ct) });
            }

            return prompts;
        }

        int? overhead = null;
        var agreeing = 0;
        for (var i = 0; i < count; i++)
        {
            var (target, output) = factory.Lengths(i);
            var words = Math.Max(1, target - (overhead ?? 0));
            if (agreeing >= Calibration)
            {
                prompts.Add(new PerfPrompt(factory.Synthetic(i, words), target, output));
                continue;
            }

            var (text, tokens, used) = await FitOneAsync(factory, i, target, words, counter, ct);
            var measured = tokens - used;
            agreeing = tokens == target && (overhead is null || overhead == measured) ? agreeing + 1 : int.MinValue;
            overhead ??= measured;
            prompts.Add(new PerfPrompt(text, tokens, output));
        }

        return prompts;
    }

    private static async Task<(string Text, int Tokens, int Words)> FitOneAsync(PromptFactory factory, int index, int target, int words, ServerTokenCounter counter, CancellationToken ct)
    {
        var best = (Text: "", Tokens: 0, Words: 0);
        for (var round = 0; round < MaxRounds; round++)
        {
            var text = factory.Synthetic(index, words);
            var tokens = await counter.CountAsync(text, ct);
            if (best.Text.Length == 0 || Math.Abs(tokens - target) < Math.Abs(best.Tokens - target))
            {
                best = (text, tokens, words);
            }

            var next = Math.Max(1, words + target - tokens);
            if (tokens == target || next == words)
            {
                break;
            }

            words = next;
        }

        return best;
    }
}
