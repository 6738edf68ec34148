using System.Runtime.InteropServices;

namespace CiGate.Core.Suites.Shared;

/// <summary>lm-eval's <c>mean</c> aggregation with its closed-form standard errors.</summary>
public static class Aggregate
{
    /// <summary>Mean and lm-eval's mean_stderr: sample standard deviation (n−1) / √n; 0 below two items.</summary>
    public static MetricValue Mean(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("Cannot aggregate zero items.", nameof(values));
        }

        var n = values.Length;
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        var mean = sum / n;
        if (n < 2)
        {
            return new MetricValue(mean, 0, n);
        }

        // Two passes: summing squared deviations is stabler than sum(x²) − n·mean².
        var squares = 0.0;
        foreach (var v in values)
        {
            var d = v - mean;
            squares += d * d;
        }

        return new MetricValue(mean, Math.Sqrt(squares / (n - 1)) / Math.Sqrt(n), n);
    }

    /// <summary>
    /// Per-group means (ordinal name order), the size-weighted micro mean and the unweighted macro
    /// mean. Micro's standard error is lm-eval's pooled_sample_stderr (the group stderr it prints);
    /// macro's is √(Σ se_g²) / G, the error of an average of G independent means.
    /// </summary>
    public static GroupedMetric ByGroup(IReadOnlyList<string> groups, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(values);
        if (groups.Count != values.Count)
        {
            throw new ArgumentException($"{groups.Count} group names for {values.Count} values.", nameof(groups));
        }

        var members = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var all = new double[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            all[i] = values[i];
            if (!members.TryGetValue(groups[i], out var list))
            {
                members[groups[i]] = list = [];
            }

            list.Add(values[i]);
        }

        var overall = Mean(all);
        var names = members.Keys.ToArray();
        Array.Sort(names, StringComparer.Ordinal);

        var perGroup = new GroupValue[names.Length];
        double sumOfMeans = 0, sumOfSquaredErrors = 0, pooledSquares = 0;
        for (var g = 0; g < names.Length; g++)
        {
            var value = Mean(CollectionsMarshal.AsSpan(members[names[g]]));
            perGroup[g] = new GroupValue(names[g], value);
            sumOfMeans += value.Mean;
            sumOfSquaredErrors += value.StdErr * value.StdErr;

            // (n_g − 1)·s_g², recovered from se_g² = s_g² / n_g as lm-eval does.
            pooledSquares += (value.N - 1) * value.StdErr * value.StdErr * value.N;
        }

        var n = all.Length;
        var groupCount = names.Length;

        // Within-group pooled variance ignores the spread between group means, which is fixed by
        // the benchmark's design. With only singleton groups it is undefined: use the plain one.
        var microError = n > groupCount
            ? Math.Sqrt(pooledSquares / (n - groupCount) / n)
            : overall.StdErr;

        return new GroupedMetric(
            overall with { StdErr = microError },
            new MetricValue(sumOfMeans / groupCount, Math.Sqrt(sumOfSquaredErrors) / groupCount, n),
            perGroup);
    }
}
