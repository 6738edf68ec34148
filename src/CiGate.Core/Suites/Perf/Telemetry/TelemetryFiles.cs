namespace CiGate.Core.Suites.Perf.Telemetry;

/// <summary>
/// samples.jsonl and environment.jsonl in the results folder. Summaries are recomputed from them
/// whenever results.json is written, as the load points are from requests.jsonl, so a resumed run
/// reports what is on disk.
/// </summary>
public static class TelemetryFiles
{
    public static void AppendSamples(string folder, IReadOnlyList<SampleRecord> samples) =>
        JsonLines.Append(Path.Combine(folder, SampleRecord.FileName), samples);

    public static void AppendEnvironment(string folder, PerfEnvironment environment) =>
        JsonLines.Append(Path.Combine(folder, PerfEnvironment.FileName), [environment]);

    public static IEnumerable<SampleRecord> ReadSamples(string folder) => JsonLines.Read<SampleRecord>(Path.Combine(folder, SampleRecord.FileName));

    /// <summary>The last capture for a suite × target (a resumed run captures again), or null.</summary>
    public static PerfEnvironment? LatestEnvironment(string folder, string suite, string target) =>
        JsonLines.Read<PerfEnvironment>(Path.Combine(folder, PerfEnvironment.FileName)).LastOrDefault(e => e.Suite == suite && e.Target == target);

    /// <summary>Mean and max of every sampled series, per load point and repeat.</summary>
    public static Dictionary<(string LoadPoint, int Repeat), IReadOnlyDictionary<string, SeriesStats>> SummarizeSamples(string folder, string suite, string target) =>
        LastBatches(ReadSamples(folder).Where(s => s.Suite == suite && s.Target == target))
            .ToDictionary(
                p => p.Key,
                p => (IReadOnlyDictionary<string, SeriesStats>)p.Value.SelectMany(s => s.Series())
                    .GroupBy(v => v.Series, StringComparer.Ordinal)
                    .OrderBy(g => g.Key, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => new SeriesStats(Math.Round(g.Average(v => v.Value), 4), Math.Round(g.Max(v => v.Value), 4), g.Count()), StringComparer.Ordinal));

    /// <summary>A load point re-run on resume (it failed before) appends a second batch, whose clock starts again: keep the last.</summary>
    private static Dictionary<(string, int), List<SampleRecord>> LastBatches(IEnumerable<SampleRecord> samples)
    {
        var batches = new Dictionary<(string, int), List<SampleRecord>>();
        foreach (var sample in samples)
        {
            var key = (sample.LoadPoint, sample.Repeat);
            if (!batches.TryGetValue(key, out var batch) || sample.TMs <= batch[^1].TMs)
            {
                batches[key] = batch = [];
            }

            batch.Add(sample);
        }

        return batches;
    }
}
