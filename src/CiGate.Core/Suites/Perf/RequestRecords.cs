using System.Diagnostics;

namespace CiGate.Core.Suites.Perf;

/// <summary>Turns raw timings into requests.jsonl records: milliseconds, phases, the three ITL views.</summary>
internal static class RequestRecords
{
    public static List<PerfRequest> From(string suite, string target, LoadPointInfo point, long start, IReadOnlyList<RequestTiming> timings, IReadOnlyList<PerfPrompt> prompts, PhaseTrim warmup, PhaseTrim cooldown)
    {
        var ordered = timings.OrderBy(t => t.Index).ToList();
        var phases = Phases(ordered.Select(t => Ms(t.ScheduledTs - start)).ToList(), warmup, cooldown);
        var cadence = MeasurementFlags.Cadence(ordered.Where(t => t.Error is null && !t.Incomplete));
        var records = new List<PerfRequest>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var prompt = prompts[ordered[i].Index % prompts.Count];
            var record = From(suite, target, point, start, ordered[i], prompt, phases[i]);
            var (flag, reason) = MeasurementFlags.Classify(ordered[i], cadence);
            records.Add(flag is null ? record : record with { Flag = flag, FlagReason = reason });
        }

        return records;
    }

    private static PerfRequest From(string suite, string target, LoadPointInfo point, long start, RequestTiming t, PerfPrompt prompt, string phase)
    {
        var chunks = t.ChunkTs;
        var ok = t.Error is null && !t.Incomplete;
        var gaps = new double[Math.Max(0, chunks.Length - 1)];
        for (var i = 1; i < chunks.Length; i++)
        {
            gaps[i - 1] = Round(Ms(chunks[i] - chunks[i - 1]));
        }

        var counted = 0;
        var allOne = true;
        foreach (var n in t.ChunkTokens)
        {
            counted += n;
            allOne &= n == 1;
        }

        var output = t.UsageCompletionTokens ?? counted;
        double? ttft = chunks.Length > 0 ? Round(Ms(chunks[0] - t.SentTs)) : null;
        double? e2e = ok ? Round(Ms(t.EndTs - t.SentTs)) : null;
        return new PerfRequest
        {
            Suite = suite,
            Target = target,
            LoadPoint = point.Label,
            Repeat = point.Repeat,
            Index = t.Index,
            RequestId = t.RequestId,
            Phase = phase,
            ScheduledMs = Round(Ms(t.ScheduledTs - start)),
            LagMs = Round(Ms(t.SentTs - t.ScheduledTs)),
            EndMs = Round(Ms(t.EndTs - start)),
            Status = t.Status,
            Error = t.Error,
            ErrorKind = t.ErrorKind,
            Incomplete = t.Incomplete,
            TtftMs = ttft,
            TtftFromScheduleMs = chunks.Length > 0 ? Round(Ms(chunks[0] - t.ScheduledTs)) : null,
            E2eMs = e2e,
            E2eFromScheduleMs = ok ? Round(Ms(t.EndTs - t.ScheduledTs)) : null,
            TpotMs = ok && ttft is { } first && output > 1 ? Round((e2e!.Value - first) / (output - 1)) : null,
            ItlMeanMs = gaps.Length > 0 ? Round(gaps.Average()) : null,
            PromptTokens = t.UsagePromptTokens ?? prompt.PromptTokens,
            OutputTokens = output,
            RequestedOutputTokens = prompt.OutputTokens,
            UsageReported = t.UsageCompletionTokens is not null,
            Chunks = chunks.Length,
            GapsMs = gaps,
            TokensPerChunk = allOne ? [] : t.ChunkTokens.ToArray(),
            FinishReason = t.FinishReason,
            ReceiveClock = t.KernelClock ? "kernel" : "process",
            ReadLagMs = t.KernelClock ? Round(Ms(t.MaxReadLagTicks)) : null,
            FirstReadLagMs = t.KernelClock && t.FirstReadLagTicks >= 0 ? Round(Ms(t.FirstReadLagTicks)) : null,
            SendWindowMs = t.KernelClock && t.SendWindowTicks >= 0 ? Round(Ms(t.SendWindowTicks)) : null,
        };
    }

    /// <summary>Warm-up from the front and cool-down from the back, by share of requests or by scheduled time.</summary>
    internal static string[] Phases(IReadOnlyList<double> scheduledMs, PhaseTrim warmup, PhaseTrim cooldown)
    {
        var n = scheduledMs.Count;
        var phases = Enumerable.Repeat("measure", n).ToArray();
        if (n == 0)
        {
            return phases;
        }

        var last = scheduledMs[^1];
        var warmCount = (int)Math.Ceiling(warmup.Fraction * n);
        var coolCount = (int)Math.Ceiling(cooldown.Fraction * n);
        for (var i = 0; i < n; i++)
        {
            if (i >= n - coolCount || (cooldown.Duration > TimeSpan.Zero && scheduledMs[i] > last - cooldown.Duration.TotalMilliseconds))
            {
                phases[i] = "cooldown";
            }

            if (i < warmCount || (warmup.Duration > TimeSpan.Zero && scheduledMs[i] < warmup.Duration.TotalMilliseconds))
            {
                phases[i] = "warmup";
            }
        }

        return phases;
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static double Round(double value) => Math.Round(value, 3);
}
