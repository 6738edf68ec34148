using CiGate.Core.Suites.Safety.Agreement;
using CiGate.Core.Suites.Safety.Refusal;

namespace CiGate.Core.Tests.Safety;

/// <summary>
/// The held-out discipline as code: a model's figure never uses the family written from its own
/// completions, nor the family written after reading both models' misses.
/// </summary>
public sealed class HeldOutRulesTests
{
    [Theory]
    [InlineData(HeldOutRules.Llama2, RefusalRules.FromLlama, RefusalRules.FromMistral)]
    [InlineData(HeldOutRules.Mistral, RefusalRules.FromMistral, RefusalRules.FromLlama)]
    public void A_models_figure_leaves_out_its_own_family_and_the_lectures(
        string model, RefusalRules own, RefusalRules other)
    {
        var heldOut = HeldOutRules.For(model);
        var inSample = HeldOutRules.InSample(model);

        Assert.Equal(RefusalRules.Described | RefusalRules.StringMatcher | other, heldOut);
        Assert.True(inSample.HasFlag(own | RefusalRules.Lectures));
        Assert.False(inSample.HasFlag(other));
    }

    [Fact]
    public void An_unknown_model_has_no_held_out_rules() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => HeldOutRules.For("gpt-4"));
}
