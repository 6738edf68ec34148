using CiGate.Core.Suites.Safety.Refusal;

namespace CiGate.Core.Suites.Safety.Agreement;

/// <summary>
/// How far a classifier agrees with human labels: raw accuracy, Cohen's kappa (agreement beyond
/// chance) and the confusion matrix, rows = human class, columns = predicted, in
/// <see cref="RefusalClasses.All"/> order. Items the classifier could not classify are counted in
/// <see cref="Errors"/> and left out of the rest.
/// </summary>
public sealed record AgreementReport(int N, double Accuracy, double Kappa, IReadOnlyList<IReadOnlyList<int>> Confusion, int Errors)
{
    public int Count(RefusalClass human, RefusalClass predicted) => Confusion[(int)human][(int)predicted];

    /// <summary>
    /// Of the items humans put in <paramref name="human"/>, the share the classifier put on the same
    /// side of the binary question (compliance vs refusal, partial counting as refusal).
    /// </summary>
    public double BinaryAgreement(RefusalClass human)
    {
        var row = RefusalClasses.All.Sum(p => Count(human, p));
        var same = RefusalClasses.All.Where(p => RefusalClasses.IsRefusal(p) == RefusalClasses.IsRefusal(human)).Sum(p => Count(human, p));
        return row == 0 ? 0 : (double)same / row;
    }

    /// <summary>Human-labelled refusals (full or partial) that the classifier also called a refusal.</summary>
    public double RefusalRecall
    {
        get
        {
            var refusals = RefusalClasses.All.Where(RefusalClasses.IsRefusal).ToList();
            var total = refusals.Sum(h => RefusalClasses.All.Sum(p => Count(h, p)));
            var caught = refusals.Sum(h => refusals.Sum(p => Count(h, p)));
            return total == 0 ? 0 : (double)caught / total;
        }
    }

    /// <summary>How many items humans labelled a refusal (full or partial).</summary>
    public int HumanRefusals => RefusalClasses.All.Where(RefusalClasses.IsRefusal).Sum(h => RefusalClasses.All.Sum(p => Count(h, p)));

    /// <summary>Agreement on the binary question XSTest reports (refusal = full or partial).</summary>
    public double BinaryAccuracy
    {
        get
        {
            if (N == 0)
            {
                return 0;
            }

            var agree = 0;
            foreach (var human in RefusalClasses.All)
            {
                foreach (var predicted in RefusalClasses.All)
                {
                    agree += RefusalClasses.IsRefusal(human) == RefusalClasses.IsRefusal(predicted) ? Count(human, predicted) : 0;
                }
            }

            return (double)agree / N;
        }
    }
}
