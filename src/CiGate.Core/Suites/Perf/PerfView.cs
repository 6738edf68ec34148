namespace CiGate.Core.Suites.Perf;

/// <summary>
/// A perf suite's section of the report, already escaped: the change of each gated latency
/// statistic per load point, the head's SLOs, the noise estimate, and the latency curve (a Mermaid
/// xychart for Markdown, SVG polylines for HTML), base and head overlaid.
/// </summary>
internal sealed record PerfView(
    string Noise,
    string Capacity,
    IReadOnlyList<PerfRow> Rows,
    IReadOnlyList<PerfSloRow> Slos,
    IReadOnlyList<PerfPointRow> Points,
    string Mermaid,
    string Svg,
    string Environment,
    IReadOnlyList<PerfLoadRow> Load)
{
    /// <summary>
    /// Some load point recorded its flagged share (runs before cigate measured it did not): show the column.
    /// </summary>
    public bool Flagged => Points.Any(p => p.Flagged.Length > 0);
}

internal sealed record PerfRow(string LoadPoint, string Statistic, string N, string Base, string Head, string Change, string Ci, string Margin, string Emoji);

internal sealed record PerfSloRow(string LoadPoint, string Slo, string Value, string Emoji);

/// <summary>What the server and GPUs showed under one load point (sampled): empty cells were not sampled.</summary>
internal sealed record PerfLoadRow(string Side, string LoadPoint, string GpuUtilization, string GpuMemory, string Running, string Waiting, string KvCache);

/// <remarks>
/// <see cref="Flagged"/>: the share of requests whose first token the client could not time, left out of the
/// percentiles ("" where the run did not record it).
/// </remarks>
internal sealed record PerfPointRow(
    string Side,
    string LoadPoint,
    string Rps,
    string OutputTokens,
    string TtftP50,
    string TtftP95,
    string ItlP50,
    string ItlP95,
    string Flagged = "");
