namespace CiGate.Core.Suites.Safety;

/// <summary>The Wilson score interval for a proportion: sane at 0, 1 and small n, unlike the Wald interval.</summary>
public static class Wilson
{
    public static (double Low, double High) Interval(double successes, int n, double z = 1.959963984540054)
    {
        if (n <= 0)
        {
            return (0, 1);
        }

        var p = successes / n;
        var z2 = z * z;
        var denominator = 1 + (z2 / n);
        var center = (p + (z2 / (2 * n))) / denominator;
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n))) / denominator;
        return (Math.Max(0, center - half), Math.Min(1, center + half));
    }
}
