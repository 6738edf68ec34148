using CiGate.Core.Config;
using CiGate.Core.Suites.Prompts;
using CiGate.Core.Suites.Prompts.Import;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Suites.Prompts.Import;

/// <summary>
/// Where promptfoo 0.121 reads an assertion differently from CiGate, the import keeps promptfoo's
/// outcome or refuses the assertion (a dropped item fails `import` unless --allow-partial); the
/// types it cannot convert stay refused.
/// </summary>
public sealed class PromptfooParityImportTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Levenshtein_keeps_promptfoos_reading_of_threshold_zero_and_not_levenshtein_is_refused()
    {
        // levenshtein.ts: pass = distance <= (threshold || 5), and it never looks at `inverse`.
        folder.Write("p.yaml", """
            prompts: ["Say {{ x }}"]
            providers: [openai:gpt-4o]
            tests:
              - vars: { x: hi }
                assert:
                  - type: levenshtein
                    value: hello
                    threshold: 0
                  - type: not-levenshtein
                    value: hello
                  - type: not-latency
                    threshold: 900
            """);

        var result = PromptfooImporter.Convert(folder.Path + "/p.yaml", folder.Path + "/cigate.yml");
        File.WriteAllText(folder.Path + "/cigate.yml", result.Yaml);
        var config = ConfigLoader.Load(folder.Path + "/cigate.yml");

        Assert.Contains("threshold: 5", result.Yaml, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^ +threshold: 0$", result.Yaml);
        var zero = Assert.Single(result.Warnings, w => w.Message.Contains("threshold: 0", StringComparison.Ordinal));
        Assert.False(zero.Dropped);
        Assert.Contains("# - type: not-levenshtein", result.Yaml, StringComparison.Ordinal);
        var negated = Assert.Single(result.Warnings, w => w.Message.Contains("'not-levenshtein'", StringComparison.Ordinal));
        Assert.True(negated.Dropped);
        Assert.Contains("  - type: not-latency", result.Yaml, StringComparison.Ordinal); // promptfoo: latency > threshold
        var suite = Assert.IsType<PromptsSuite>(Assert.Single(config.Suites));
        Assert.Equal(2, Assert.Single(suite.Tests).Assertions.Count);
    }

    [Theory]
    [InlineData("rouge-n", "n-gram overlap scores are not built in")]
    [InlineData("bleu", "n-gram overlap scores are not built in")]
    [InlineData("perplexity", "logprobs")]
    [InlineData("not-cost", "cannot negate 'cost'")]
    [InlineData("javascript", "suites run no code")]
    public void What_cannot_be_converted_is_refused_with_a_reason(string type, string why)
    {
        folder.Write("p.yaml", $$"""
            prompts: ["Say hi"]
            providers: [openai:gpt-4o]
            tests:
              - vars: { x: hi }
                assert:
                  - type: contains
                    value: hi
                  - type: {{type}}
                    value: "0.5"
                    threshold: 0.5
            """);

        var result = PromptfooImporter.Convert(folder.Path + "/p.yaml", folder.Path + "/cigate.yml");

        var dropped = Assert.Single(result.Warnings, w => w.Dropped);
        Assert.Contains($"'{type}'", dropped.Message, StringComparison.Ordinal);
        Assert.Contains(why, dropped.Message, StringComparison.Ordinal);
        Assert.Contains($"# - type: {type}", result.Yaml, StringComparison.Ordinal);
    }
}
