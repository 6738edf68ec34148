using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CiGate.Simulator.Judge;

namespace CiGate.Simulator;

/// <summary>
/// The grader the simulator plays when a chat request's system or last user message contains
/// <see cref="Marker"/>. It grades the last <c>```output</c> fence (see the remarks) against the
/// text after <c>Rubric:</c> and replies <c>{"pass":bool,"score":0..1,"reason":"..."}</c>: every
/// phrase the rubric quotes in double quotes must occur in the output, case-insensitively; the score
/// is the fraction found; a rubric quoting nothing passes. The response's <c>model</c> field is
/// <see cref="SimulatorModel.ServedVersion"/> of the requested name.
/// </summary>
/// <remarks>
/// A prompt that also holds a <c>```reference</c> fence is a factuality check, answered by
/// <see cref="SimulatedFactuality"/> instead. The fence may be longer than three backticks; it closes only on a line of at least as many
/// backticks, so the judged output may itself contain shorter fences. For tests of broken graders,
/// a rubric containing <see cref="GarbageMarker"/> gets a reply that is not JSON, and one containing
/// <see cref="NoVerdictMarker"/> gets <c>{"reason":"..."}</c> without pass or score. A prompt with
/// the marker but no complete output fence fails with score 0 and a reason saying so.
/// </remarks>
public static partial class SimulatedJudge
{
    public const string Marker = "[cigate-judge]";
    public const string GarbageMarker = "[cigate-judge:garbage]";
    public const string NoVerdictMarker = "[cigate-judge:no-verdict]";

    public const string GarbageReply = "Honestly this looks mostly fine to me, although some parts could be better. Hard to say.";

    public static bool IsJudgePrompt(string text) =>
        text is not null && text.Contains(Marker, StringComparison.Ordinal);

    /// <summary>The judge's reply text for a judge prompt (system and user text joined).</summary>
    public static string Evaluate(string judgePrompt)
    {
        // Safety graders (the refusal classifier, moderation) are recognised by their prompt's structure.
        if (SimulatedRefusalJudge.IsRefusalPrompt(judgePrompt))
        {
            return SimulatedRefusalJudge.Evaluate(judgePrompt);
        }

        if (SimulatedModeration.IsModerationPrompt(judgePrompt))
        {
            return SimulatedModeration.Evaluate(judgePrompt);
        }

        var prompt = JudgePrompt.Parse(judgePrompt);
        var rubric = prompt.Rubric + prompt.Reference;
        if (rubric.Contains(GarbageMarker, StringComparison.Ordinal))
        {
            return GarbageReply;
        }

        if (rubric.Contains(NoVerdictMarker, StringComparison.Ordinal))
        {
            return Json(null, 0, "The output was reviewed against the rubric.");
        }

        if (prompt.Output is not { } output)
        {
            return Json(false, 0, "The judge prompt has no complete ```output fence to grade.");
        }

        if (prompt.Reference is { } reference)
        {
            return SimulatedFactuality.Grade(output, reference);
        }

        var phrases = QuotedPhrases(rubric);
        if (phrases.Count == 0)
        {
            return Json(true, 1, prompt.Rubric is null ? "No rubric was given." : "The rubric quotes no required phrases.");
        }

        var missing = phrases.Where(p => !output.Contains(p, StringComparison.OrdinalIgnoreCase)).ToList();
        var score = (double)(phrases.Count - missing.Count) / phrases.Count;
        return missing.Count == 0
            ? Json(true, score, $"All {phrases.Count} required phrases were found.")
            : Json(false, score, $"Missing {missing.Count} of {phrases.Count} required phrases: {string.Join(", ", missing.Select(m => $"\"{m}\""))}.");
    }

    /// <summary>Distinct phrases in straight or curly double quotes, in rubric order.</summary>
    public static IReadOnlyList<string> QuotedPhrases(string rubric)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        return [.. QuotePattern().Matches(rubric).Select(m => m.Groups[1].Value.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static string Json(bool? pass, double score, string reason)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (pass is { } verdict)
            {
                w.WriteBoolean("pass"u8, verdict);
                w.WriteNumber("score"u8, Math.Round(score, 4));
            }

            w.WriteString("reason"u8, reason);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [GeneratedRegex("[\"\u201C]([^\"\u201C\u201D\r\n]+)[\"\u201D]", RegexOptions.CultureInvariant)]
    private static partial Regex QuotePattern();
}
