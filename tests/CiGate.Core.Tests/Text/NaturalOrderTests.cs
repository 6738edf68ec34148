using CiGate.Core.Reporting;
using CiGate.Core.Text;

namespace CiGate.Core.Tests.Text;

public sealed class NaturalOrderTests
{
    [Fact]
    public void Digit_runs_order_by_value_and_the_rest_ordinally()
    {
        string[] ids = ["q10", "q2", "100", "70", "q1", "case-b", "case-a", "q007", "q7", "7"];

        var sorted = ids.Order(NaturalOrder.Instance).ToArray();

        Assert.Equal(["7", "70", "100", "case-a", "case-b", "q1", "q2", "q007", "q7", "q10"], sorted);
    }

    [Fact]
    public void The_order_is_total_and_antisymmetric()
    {
        string[] ids = ["a1", "a01", "a1b", "a", "", "1", "01", "a10", "a9z"];
        foreach (var x in ids)
        {
            foreach (var y in ids)
            {
                Assert.Equal(-Math.Sign(NaturalOrder.Instance.Compare(y, x)), Math.Sign(NaturalOrder.Instance.Compare(x, y)));
                Assert.Equal(x == y, NaturalOrder.Instance.Compare(x, y) == 0);
            }
        }
    }

    [Fact]
    public void A_long_reply_keeps_its_opening_and_its_answer()
    {
        var reply = "Let me think step by step. " + string.Concat(Enumerable.Repeat("The options differ in detail. ", 30)) + "The answer is (C).";

        var excerpt = TextSanitizer.ExcerptEnds(reply, 120);

        Assert.True(excerpt.Length <= 120, excerpt);
        Assert.StartsWith("Let me think", excerpt, StringComparison.Ordinal);
        Assert.EndsWith("The answer is (C).", excerpt, StringComparison.Ordinal);
        Assert.Contains(" … ", excerpt, StringComparison.Ordinal);
        Assert.Equal("short reply", TextSanitizer.ExcerptEnds("short   reply", 120));
    }
}
