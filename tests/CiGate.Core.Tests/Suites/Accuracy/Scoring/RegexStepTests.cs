using System.Text.RegularExpressions;
using CiGate.Core.Suites.Accuracy.Scoring;
using static CiGate.Core.Tests.Suites.Accuracy.Scoring.ReferenceFilters;

namespace CiGate.Core.Tests.Suites.Accuracy.Scoring;

public sealed class RegexStepTests
{
    [Theory]
    // No groups: the whole match.
    [InlineData(@"\b[A-J]\b", MatchSelect.Last, null, "so I pick G", "G")]
    // Several groups, group null: the first non-empty one (flexible-extract's second alternative).
    [InlineData(@"(-?[$0-9.,]{2,})|(-?[0-9]+)", MatchSelect.Last, null, "from 10 down to -5", "-5")]
    [InlineData(@"(-?[$0-9.,]{2,})|(-?[0-9]+)", MatchSelect.First, null, "from 10 down to -5", "10")]
    // Group null takes the first non-empty group, which is not always the one wanted.
    [InlineData(@"(answer|Answer) is \(?([A-J])\)?", MatchSelect.First, null, "the answer is (C)", "answer")]
    [InlineData(@"(answer|Answer) is \(?([A-J])\)?", MatchSelect.First, 2, "the answer is (C)", "C")]
    [InlineData(@"(?<letter>[A-J])\)", MatchSelect.First, null, "pick C) now", "C")]
    // Values are trimmed.
    [InlineData(@"answer is (.+)", MatchSelect.First, null, "the answer is   B  ", "B")]
    // Last keeps lookbehinds working (the text before the match is still visible).
    [InlineData(@"(?<=#### )\d+", MatchSelect.Last, null, "#### 1 then #### 2 and 3", "2")]
    public void Extracts_the_selected_match_and_group(string pattern, MatchSelect select, int? group, string input, string expected)
    {
        var step = new RegexStep(Rx(pattern), select, group);

        Assert.True(step.TryMatch(input, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    // A chosen group that did not take part in the match.
    [InlineData(@"(x)?(\d+)", 1, "42")]
    // Only whitespace captured.
    [InlineData(@"Answer:([^\n]*)", null, "Answer:   \nnothing")]
    // No match at all.
    [InlineData(@"#### (\d+)", null, "no marker")]
    public void Empty_or_missing_captures_do_not_match(string pattern, int? group, string input)
    {
        var step = new RegexStep(Rx(pattern), MatchSelect.First, group);

        Assert.False(step.TryMatch(input, out var value));
        Assert.Null(value);
    }

    [Fact]
    public void Last_means_the_last_left_to_right_match_like_findall()
    {
        // Python: re.findall(r"\d{2}", "123")[-1] == "12"; a right-to-left scan would give "23".
        var step = new RegexStep(Rx(@"\d{2}"), MatchSelect.Last);
        var rightToLeft = new Regex(@"\d{2}", RegexOptions.RightToLeft).Match("123").Value;

        Assert.True(step.TryMatch("123", out var value));
        Assert.Equal("12", value);
        Assert.Equal("23", rightToLeft);
    }

    [Fact]
    public void Last_finds_the_final_letter_of_a_very_long_output()
    {
        var output = string.Concat(Enumerable.Repeat("Option B fails because of x. ", 20_000)) + "So, J.";
        var step = new RegexStep(Rx(@"\b[A-J]\b", RegexOptions.Singleline), MatchSelect.Last);

        Assert.True(step.TryMatch(output, out var value));
        Assert.Equal("J", value);
    }

    [Fact]
    public void Last_stops_past_the_match_limit_instead_of_walking_forever()
    {
        var output = string.Concat(Enumerable.Repeat("B ", ExtractionLimitException.MaxMatches + 1));
        var step = new RegexStep(Rx(@"\b[A-J]\b"), MatchSelect.Last);

        var ex = Assert.Throws<ExtractionLimitException>(() => step.TryMatch(output, out _));

        Assert.Contains($"matches more than {ExtractionLimitException.MaxMatches} times", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_larger_than_extraction_reads_is_refused_before_any_regex_runs()
    {
        var filter = new ExtractionFilter("strict", [new RegexStep(Rx(@"\b[A-J]\b"), MatchSelect.Last)], []);

        var ex = Assert.Throws<ExtractionLimitException>(() => filter.Apply(new string('x', ExtractionLimitException.MaxInputChars + 1)));

        Assert.Contains($"extraction reads at most {ExtractionLimitException.MaxInputChars}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_the_pattern_does_not_have_is_rejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RegexStep(Rx("answer is ([A-J])"), MatchSelect.First, 2));

        Assert.Contains("no group 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_right_to_left_pattern_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new RegexStep(new Regex("[A-J]", RegexOptions.RightToLeft)));
    }

    [Fact]
    public void Filter_strips_every_string_then_falls_back()
    {
        var filter = new ExtractionFilter(
            "letters",
            [new RegexStep(Rx(@"answer is \(?([A-J])\)?"))],
            ["**", "__", ""],
            Fallback: "Z");

        Assert.Equal("C", filter.Apply("the answer is **__(C)__**"));
        Assert.Equal("Z", filter.Apply("no idea"));
        Assert.True(filter.IsInvalid("Z"));
        Assert.False(filter.IsInvalid(ExtractionFilter.Invalid));
    }

    [Fact]
    public void TryExtract_tells_a_real_answer_from_a_fallback_that_looks_like_one()
    {
        var filter = new ExtractionFilter("guess-a", [new RegexStep(Rx(@"answer is ([A-J])"))], [], Fallback: "A");

        Assert.True(filter.TryExtract("the answer is A", out var found));
        Assert.Equal("A", found);
        Assert.False(filter.TryExtract("dunno", out var missing));
        Assert.Null(missing);
        Assert.Equal("A", filter.Apply("dunno"));
    }

    [Fact]
    public void Cascade_steps_run_in_order_and_the_first_match_wins()
    {
        var filter = new ExtractionFilter(
            "two-steps",
            [new RegexStep(Rx(@"#### (\d+)")), new RegexStep(Rx(@"\d+"), MatchSelect.Last)],
            []);

        Assert.Equal("4", filter.Apply("1 2 #### 4 5"));
        Assert.Equal("5", filter.Apply("1 2 4 5"));
    }

    [Fact]
    public void Steps_compare_by_pattern_text_options_select_and_group()
    {
        var a = new RegexStep(Rx(@"\b[A-J]\b"), MatchSelect.Last);
        var b = new RegexStep(Rx(@"\b[A-J]\b"), MatchSelect.Last);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Select = MatchSelect.First });
        Assert.NotEqual(a, new RegexStep(Rx(@"\b[A-J]\b", RegexOptions.Singleline), MatchSelect.Last));
    }
}
