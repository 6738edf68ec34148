using CiGate.Core.Comparing.Statistics;

namespace CiGate.Core.Tests.Comparing.Statistics;

public sealed class RaterAgreementTests
{
    [Fact]
    public void Cohens_kappa_matches_the_textbook_example()
    {
        // Two raters, 50 items (the Wikipedia "Cohen's kappa" worked example): both yes 20, A yes/B no 5,
        // A no/B yes 10, both no 15. p_o = 0.7, p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5, kappa = 0.4.
        var pairs = Repeat((0, 0), 20).Concat(Repeat((0, 1), 5)).Concat(Repeat((1, 0), 10)).Concat(Repeat((1, 1), 15));

        var a = RaterAgreement.Measure(2, pairs);

        Assert.Equal(50, a.N);
        Assert.Equal(0.7, a.Accuracy, 12);
        Assert.Equal(0.4, a.Kappa, 12);
        Assert.Equal([20, 5], a.Confusion[0]);
        Assert.Equal([10, 15], a.Confusion[1]);
    }

    [Fact]
    public void Items_without_a_verdict_are_errors_and_left_out()
    {
        var a = RaterAgreement.Measure(3, [(0, 0), (1, null), (2, 2), (2, null)]);

        Assert.Equal((2, 2, 1.0, 1.0), (a.N, a.Errors, a.Accuracy, a.Kappa));
    }

    [Fact]
    public void One_class_everywhere_agreed_is_full_agreement_and_nothing_is_zero()
    {
        Assert.Equal(1.0, RaterAgreement.Measure(3, Repeat((1, 1), 7)).Kappa);
        Assert.Equal((0, 0.0, 0.0), (RaterAgreement.Measure(3, []).N, RaterAgreement.Measure(3, []).Accuracy, RaterAgreement.Measure(3, []).Kappa));
    }

    private static IEnumerable<(int, int?)> Repeat((int Human, int Judge) pair, int times) =>
        Enumerable.Repeat<(int, int?)>((pair.Human, pair.Judge), times);
}
