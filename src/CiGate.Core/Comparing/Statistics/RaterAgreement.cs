namespace CiGate.Core.Comparing.Statistics;

/// <summary>
/// How far a judge (a classifier, a grader model) agrees with human labels over k classes: raw
/// agreement, Cohen's kappa (agreement beyond chance) and the confusion matrix, rows = the human's
/// class, columns = the judge's. Items the judge gave no verdict for are counted in
/// <see cref="Errors"/> and left out of the rest.
/// </summary>
public sealed record RaterAgreement(
    int N, double Accuracy, double Kappa, IReadOnlyList<IReadOnlyList<int>> Confusion, int Errors)
{
    /// <param name="classes">How many classes (indices 0 … classes − 1).</param>
    /// <param name="pairs">The human's class and the judge's; a null judge class is an error (no verdict).</param>
    public static RaterAgreement Measure(int classes, IEnumerable<(int Human, int? Judge)> pairs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        ArgumentNullException.ThrowIfNull(pairs);
        var matrix = new int[classes][];
        for (var i = 0; i < classes; i++)
        {
            matrix[i] = new int[classes];
        }

        int n = 0, errors = 0;
        foreach (var (human, judge) in pairs)
        {
            if (judge is not { } j)
            {
                errors++;
                continue;
            }

            matrix[human][j]++;
            n++;
        }

        var observed = Observed(matrix, n);
        IReadOnlyList<IReadOnlyList<int>> confusion = [.. matrix.Select(r => (IReadOnlyList<int>)r)];
        return new RaterAgreement(n, observed, CohensKappa(matrix, n, observed), confusion, errors);
    }

    private static double Observed(int[][] m, int n)
    {
        if (n == 0)
        {
            return 0;
        }

        var diagonal = 0;
        for (var i = 0; i < m.Length; i++)
        {
            diagonal += m[i][i];
        }

        return (double)diagonal / n;
    }

    /// <summary>
    /// Cohen's kappa: (p_o − p_e) / (1 − p_e); 1 when both raters put everything in one class and agree.
    /// </summary>
    private static double CohensKappa(int[][] m, int n, double observed)
    {
        if (n == 0)
        {
            return 0;
        }

        var expected = 0.0;
        for (var i = 0; i < m.Length; i++)
        {
            var row = m[i].Sum();
            var column = m.Sum(r => r[i]);
            expected += (double)row / n * column / n;
        }

        return expected >= 1 ? (observed >= 1 ? 1 : 0) : (observed - expected) / (1 - expected);
    }
}
