namespace CiGate.Core.Comparing.Pairwise;

/// <summary>
/// A model name's family, for the warning that a judge may favour answers of its own family
/// (self-preference). Provider prefixes (<c>openai/</c>, <c>meta-llama/</c>) are dropped; known
/// families are matched by prefix; any other name's family is its leading run of letters.
/// </summary>
public static class ModelFamily
{
    private static readonly (string Prefix, string Family)[] Known =
    [
        ("gpt", "openai"), ("chatgpt", "openai"), ("o1", "openai"), ("o3", "openai"), ("o4", "openai"),
        ("claude", "anthropic"), ("gemini", "google"), ("gemma", "google"),
        ("llama", "llama"), ("meta-llama", "llama"), ("codellama", "llama"),
        ("mistral", "mistral"), ("mixtral", "mistral"), ("codestral", "mistral"), ("ministral", "mistral"),
        ("qwen", "qwen"), ("qwq", "qwen"), ("deepseek", "deepseek"), ("phi", "phi"),
        ("command", "cohere"), ("grok", "xai"),
    ];

    public static string? Of(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return null;
        }

        var name = model.Trim().ToLowerInvariant();
        name = name[(name.LastIndexOf('/') + 1)..];
        foreach (var (prefix, family) in Known)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return family;
            }
        }

        var letters = new string([.. name.TakeWhile(char.IsAsciiLetter)]);
        return letters.Length == 0 ? null : letters;
    }

    /// <summary>True when both names are known to belong to one family.</summary>
    public static bool Shared(string? judgeModel, string? headModel) =>
        Of(judgeModel) is { } judge && string.Equals(judge, Of(headModel), StringComparison.Ordinal);
}
