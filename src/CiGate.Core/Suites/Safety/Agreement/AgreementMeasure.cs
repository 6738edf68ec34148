using CiGate.Core.Comparing.Statistics;
using CiGate.Core.Suites.Safety.Refusal;

namespace CiGate.Core.Suites.Safety.Agreement;

/// <summary>
/// Computes an <see cref="AgreementReport"/> from (human, predicted) pairs (<see cref="RaterAgreement"/>
/// over the three classes).
/// </summary>
public static class AgreementMeasure
{
    /// <param name="pairs">Human label and the classifier's class; a null prediction is an error (the judge gave no verdict).</param>
    public static AgreementReport Measure(IEnumerable<(RefusalClass Human, RefusalClass? Predicted)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var indices = pairs.Select(p => ((int)p.Human, p.Predicted is { } c ? (int?)(int)c : null));
        var a = RaterAgreement.Measure(RefusalClasses.All.Count, indices);
        return new AgreementReport(a.N, a.Accuracy, a.Kappa, a.Confusion, a.Errors);
    }
}
