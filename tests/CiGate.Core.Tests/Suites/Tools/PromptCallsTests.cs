using CiGate.Core.Suites.Tools;
using CiGate.Core.Suites.Tools.Bfcl;

namespace CiGate.Core.Tests.Suites.Tools;

/// <summary>
/// Prompt mode's calls written as text (BFCL's Python call style), parsed into calls with JSON
/// arguments that keep Python's types, and BFCL's possible answers written that way still validate.
/// </summary>
public sealed class PromptCallsTests
{
    [Theory]
    [InlineData("[get_weather(city='Paris', days=3)]", "get_weather", """{"city":"Paris","days":3}""")]
    [InlineData("```\nmath.factorial(n=5)\n```", "math.factorial", """{"n":5}""")]
    [InlineData("[f(x=1.0, y=-2, z=1e3, w=.5)]", "f", """{"x":1.0,"y":-2,"z":1000.0,"w":0.5}""")]
    [InlineData("[f(a=True, b=None, c=(1, 2), d={'k': [\"v\", 'it\\'s']})]", "f",
        """{"a":true,"b":null,"c":[1,2],"d":{"k":["v","it's"]}}""")]
    [InlineData("[f(1, key = 'x')]", "f", """{"key":"x"}""")] // positional arguments dropped, as BFCL does
    [InlineData("[f()]", "f", "{}")]
    public void A_call_list_parses_into_calls_with_json_arguments(string text, string name, string arguments)
    {
        var call = Assert.Single(PromptCalls.Parse(text)!);

        Assert.Equal((name, arguments), (call.Name, call.Arguments));
    }

    [Fact]
    public void Several_calls_keep_their_order()
    {
        var calls = PromptCalls.Parse("[a(x=1), b.c(y='2'), a(x=3)]")!;

        Assert.Equal(["a", "b.c", "a"], calls.Select(c => c.Name));
    }

    [Theory]
    [InlineData("The capital of France is Paris.")]
    [InlineData("None of the functions can answer this.")]
    [InlineData("[f(x=undefined_name)]")]
    [InlineData("[f(x=1]")]
    [InlineData("")]
    [InlineData("[]")]
    public void Text_that_is_not_a_call_list_is_no_call(string text) => Assert.Null(PromptCalls.Parse(text));

    [Theory]
    [MemberData(nameof(BfclDatasetCheckTests.AnsweredCategories), MemberType = typeof(BfclDatasetCheckTests))]
    public void Every_possible_answer_written_as_text_validates_with_bfcl_names(string name)
    {
        var category = BfclCategories.Parse(name)!.Value;
        var failures = new List<string>();
        foreach (var item in BfclData.Items(category))
        {
            // Each answer as a prompt-mode model writes it: original (dotted) names, Python literals.
            var text = "[" + string.Join(", ", item.Answers.Select(a =>
            {
                var arguments = PyValue.Parse(BfclData.CallOf(item, a).Arguments).Entries;
                return $"{a.Function}({string.Join(", ", arguments.Select(e => $"{e.Key}={e.Value.Repr()}"))})";
            })) + "]";
            var calls = PromptCalls.Parse(text);
            var verdict = calls is null
                ? BfclVerdict.Fail("parse", text)
                : BfclChecker.Check(category, item.Functions, calls, item.Answers, underscoreNames: false);
            if (!verdict.Valid)
            {
                failures.Add($"{item.Id}: {verdict} from {text}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }
}
