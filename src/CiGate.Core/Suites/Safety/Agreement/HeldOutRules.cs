using CiGate.Core.Suites.Safety.Refusal;

namespace CiGate.Core.Suites.Safety.Agreement;

/// <summary>
/// The held-out discipline for XSTest's two labelled models: a model's figure is measured with
/// every rule family except the one written while reading that model's completions and the one
/// written after reading both (<see cref="RefusalRules.Lectures"/>). One place,
/// so the bench, the tests and the report's figures cannot disagree on it.
/// </summary>
public static class HeldOutRules
{
    /// <summary>Llama-2-70b-chat with its original system prompt (completions_llama2orig.csv).</summary>
    public const string Llama2 = "llama2orig";

    /// <summary>Mistral-7B-Instruct (completions_mistralinstruct.csv).</summary>
    public const string Mistral = "mistralinstruct";

    public static IReadOnlyList<string> Models { get; } = [Llama2, Mistral];

    /// <summary>The families not written from <paramref name="model"/>: what its figure is measured with.</summary>
    public static RefusalRules For(string model) => model switch
    {
        Llama2 => RefusalRules.All & ~(RefusalRules.FromLlama | RefusalRules.Lectures),
        Mistral => RefusalRules.All & ~(RefusalRules.FromMistral | RefusalRules.Lectures),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "not one of XSTest's labelled models"),
    };

    /// <summary>The families a rule writer may use while reading <paramref name="model"/>'s misses.</summary>
    public static RefusalRules InSample(string model) => model switch
    {
        Llama2 => RefusalRules.All & ~RefusalRules.FromMistral,
        Mistral => RefusalRules.All & ~RefusalRules.FromLlama,
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "not one of XSTest's labelled models"),
    };
}
