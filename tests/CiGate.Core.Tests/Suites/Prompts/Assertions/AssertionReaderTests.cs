using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Prompts.Assertions;

namespace CiGate.Core.Tests.Suites.Prompts.Assertions;

public sealed class AssertionReaderTests
{
    [Fact]
    public void An_absent_list_reads_as_no_assertions()
    {
        var assertions = AssertionReader.ReadList(null, new YamlContext(new DiagnosticBag(), "cigate.yml"), "tests[0].assert", ".");

        Assert.NotNull(assertions);
        Assert.Empty(assertions);
    }

    [Fact]
    public void Weight_and_metric_are_read_and_weight_defaults_to_one()
    {
        var (assertions, diagnostics) = Asserts.Read("""
            - { type: contains, value: a, weight: 3, metric: tone }
            - { type: regex, value: b }
            """);

        Assert.Empty(diagnostics);
        Assert.Equal([3.0, 1.0], assertions!.Select(a => a.Weight));
        Assert.Equal(["tone", null], assertions!.Select(a => a.Metric));
        Assert.Equal(["contains", "regex"], assertions!.Select(a => a.Type));
    }

    [Theory]
    [InlineData("- { type: contians, value: a }", "did you mean 'contains'?")]
    [InlineData("- { type: not-contian, value: a }", "did you mean 'not-contains'?")]
    [InlineData("- { type: zzzzzzzz, value: a }", "known types: canary, contains, contains-all")]
    public void An_unknown_type_suggests_the_closest(string yaml, string hint)
    {
        var diagnostic = Asserts.Error(yaml);

        Assert.Equal(DiagnosticCodes.InvalidValue, diagnostic.Code);
        Assert.Contains(hint, diagnostic.Message);
        Assert.Equal((2, 11), (diagnostic.Line, diagnostic.Column));
    }

    [Theory]
    [InlineData("javascript")]
    [InlineData("python")]
    [InlineData("not-javascript")]
    [InlineData("ruby")]
    public void Code_assertions_are_refused_because_suites_run_no_code(string type)
    {
        var diagnostic = Asserts.Error($"- {{ type: {type}, value: 'output.length < 10' }}");

        Assert.Equal(DiagnosticCodes.InvalidValue, diagnostic.Code);
        Assert.Contains("suites run no code", diagnostic.Message);
        Assert.Contains("API key", diagnostic.Message);
    }

    [Theory]
    [InlineData("perplexity", "logprobs")]
    [InlineData("g-eval", "llm-rubric")]
    [InlineData("answer-relevance", "llm-rubric")]
    public void Types_that_need_what_cigate_lacks_are_refused(string type, string why)
    {
        var diagnostic = Asserts.Error($"- {{ type: {type}, value: x, threshold: 0.5 }}");

        Assert.Contains("not supported", diagnostic.Message);
        Assert.Contains(why, diagnostic.Message);
    }

    [Theory]
    [InlineData("- { value: a }", DiagnosticCodes.MissingKey, "'type'")]
    [InlineData("- type: contains", DiagnosticCodes.MissingKey, "needs a 'value'")]
    [InlineData("- contains", DiagnosticCodes.WrongType, "must be a mapping")]
    [InlineData("- { type: [contains] }", DiagnosticCodes.WrongType, "must be a string")]
    [InlineData("- { type: regex, value: '(unclosed' }", DiagnosticCodes.BadRegex, "not a valid regular expression")]
    [InlineData("- { type: contains, value: a, threshold: 0.5 }", DiagnosticCodes.InvalidValue, "no meaning for 'contains'")]
    [InlineData("- { type: levenshtein, value: a, threshold: lots }", DiagnosticCodes.WrongType, "must be a number")]
    [InlineData("- { type: levenshtein, value: a, threshold: -2 }", DiagnosticCodes.InvalidValue, "cannot be negative")]
    [InlineData("- { type: contains, value: a, weight: -1 }", DiagnosticCodes.InvalidValue, "weight")]
    [InlineData("- { type: contains, value: a, thresold: 1 }", DiagnosticCodes.UnknownKey, "did you mean 'threshold'?")]
    [InlineData("- { type: contains, value: { a: 1 } }", DiagnosticCodes.WrongType, "must be a string")]
    [InlineData("- { type: contains-any, value: [] }", DiagnosticCodes.InvalidValue, "at least one")]
    [InlineData("- { type: contains-all, value: [a, [b]] }", DiagnosticCodes.WrongType, "list of strings")]
    [InlineData("- { type: max-length, value: -1 }", DiagnosticCodes.InvalidValue, "whole number")]
    [InlineData("- { type: min-words, value: many }", DiagnosticCodes.InvalidValue, "whole number")]
    [InlineData("- { type: not-max-length, value: 3 }", DiagnosticCodes.InvalidValue, "cannot be negated")]
    public void Problems_are_reported_with_their_code(string yaml, string code, string text)
    {
        var diagnostic = Asserts.Error(yaml);

        Assert.Equal(code, diagnostic.Code);
        Assert.Contains(text, diagnostic.Message);
        Assert.Equal("cigate.yml", diagnostic.File);
    }

    [Fact]
    public void Every_problem_is_reported_in_one_pass_at_its_line()
    {
        var (assertions, diagnostics) = Asserts.Read("""
            - { type: contains, value: ok }
            - { type: contians, value: a }
            - { type: regex, value: '[' }
            - type: javascript
              value: output.length > 3
            - { type: equals }
            """);

        Assert.Null(assertions);
        Assert.Equal([3, 4, 5, 7], diagnostics.Select(d => d.Line));
        Assert.Equal(
            [DiagnosticCodes.InvalidValue, DiagnosticCodes.BadRegex, DiagnosticCodes.InvalidValue, DiagnosticCodes.MissingKey],
            diagnostics.Select(d => d.Code));
        Assert.Contains("tests[0].assert[4]", diagnostics[^1].Message);
    }
}
