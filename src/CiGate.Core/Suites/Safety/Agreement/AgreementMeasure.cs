using CiGate.Core.Suites.Safety.Refusal;

namespace CiGate.Core.Suites.Safety.Agreement;

/// <summary>Computes an <see cref="AgreementReport"/> from (human, predicted) pairs.</summary>
public static class AgreementMeasure
{
    /// <param name="pairs">Human label and the classifier's class; a null prediction is an error (the judge gave no verdict).</param>
    public static AgreementReport Measure(IEnumerable<(RefusalClass Human, RefusalClass? Predicted)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var k = RefusalClasses.All.Count;
        var matrix = new int[k][];
        for (var i = 0; i < k; i++)
        {
            matrix[i] = new int[k];
        }

        int n = 0, errors = 0;
        foreach (var (human, predicted) in pairs)
        {
            if (predicted is not { } p)
            {
                errors++;
                continue;
            }

            matrix[(int)human][(int)p]++;
            n++;
        }

        return new AgreementReport(n, Accuracy(matrix, n), Kappa(matrix, n), [.. matrix.Select(r => (IReadOnlyList<int>)r)], errors);
    }

    private static double Accuracy(int[][] m, int n)
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

    /// <summary>Cohen's kappa: (p_o − p_e) / (1 − p_e); 1 when both raters put everything in one class and agree.</summary>
    private static double Kappa(int[][] m, int n)
    {
        if (n == 0)
        {
            return 0;
        }

        var observed = Accuracy(m, n);
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
