using System.Globalization;
using CiGate.Core.Suites.Prompts.Assertions;

namespace CiGate.Core.Suites.Prompts.Grading;

/// <summary>
/// Builders for the model-graded assertions: llm-rubric (a judge with a rubric), factuality
/// (against a reference answer, OpenAI evals' fact choices) and similar (cosine similarity of
/// embeddings). They run at temperature 0 and are cached per served model version (see <see cref="Grader"/>).
/// </summary>
internal static class ModelGradedAssertions
{
    public const double DefaultSimilarity = 0.75;

    /// <summary>
    /// value: the rubric. threshold (optional): the minimum score, on top of the judge's own pass,
    /// as promptfoo 0.121's matchesLlmRubric decides (pass = judge pass and score ≥ threshold, a
    /// reply without "pass" counting as pass there). Without a threshold: the judge's pass, or a
    /// score of at least 0.5 when only a score comes back (promptfoo would pass any score).
    /// </summary>
    public static IAssertion? LlmRubric(AssertionSpec spec)
    {
        var rubric = spec.RequireValue("the rubric the judge grades against") is { } node ? spec.Template(node) : null;
        var threshold = spec.Threshold;
        return rubric is null ? null : Build(spec, async (c, grader, ct) =>
        {
            var text = rubric.Render(c);
            var reply = await grader.JudgeAsync(JudgePrompts.Rubric(c.Graders!.JudgePrompt, text, c.Output, c.Question), ct);
            if (!JudgeReply.TryRubric(reply.Text, out var pass, out var score, out var reason, out var problem))
            {
                return Check.Failed($"grader '{grader.Name}': {problem}");
            }

            var value = score ?? (pass == true ? 1 : 0);
            var holds = threshold is { } min ? (pass ?? true) && value >= min : pass ?? value >= 0.5;
            var expectation = threshold is { } t ? $"satisfy the rubric with a score of at least {Number(t)}" : "satisfy the rubric";
            return new Check(holds, value, expectation, $"judge score {Number(value)}: {reason}");
        });
    }

    /// <summary>value: the reference answer. Fails on choice D (a disagreement), as promptfoo does by default.</summary>
    public static IAssertion? Factuality(AssertionSpec spec)
    {
        var reference = spec.RequireValue("the reference answer") is { } node ? spec.Template(node) : null;
        return reference is null ? null : Build(spec, async (c, grader, ct) =>
        {
            var reply = await grader.JudgeAsync(JudgePrompts.Factuality(reference.Render(c), c.Output, c.Question), ct);
            if (!JudgeReply.TryChoice(reply.Text, out var choice, out var reason, out var problem))
            {
                return Check.Failed($"grader '{grader.Name}': {problem}");
            }

            return Check.Binary(choice != 'D', "agree with the reference answer", $"judge ({grader.Name}) chose {choice}: {reason}");
        });
    }

    /// <summary>
    /// value: the expected text, or a list (the best match counts). A string is one text, commas and
    /// all, as in promptfoo (only the contains-any family splits strings). threshold: the minimum
    /// cosine similarity (default 0.75).
    /// </summary>
    public static IAssertion? Similar(AssertionSpec spec)
    {
        var node = spec.RequireValue("the text the output should resemble");
        var expected = node switch
        {
            null => null,
            YamlDotNet.RepresentationModel.YamlScalarNode => spec.Template(node) is { } one ? [one] : null,
            _ => spec.TemplateList(node),
        };
        var threshold = spec.Threshold ?? DefaultSimilarity;
        return expected is null ? null : Build(spec, async (c, grader, ct) =>
        {
            var texts = new List<string>(expected.Count + 1) { c.Output };
            texts.AddRange(expected.Select(e => e.Render(c)));
            var embeddings = await grader.EmbedAsync(texts, ct);
            var best = embeddings.Vectors.Skip(1).Max(v => Cosine(embeddings.Vectors[0], v));
            return new Check(best >= threshold, Math.Clamp(best, 0, 1), $"have a cosine similarity of at least {Number(threshold)}", $"similarity {Number(best)} ({grader.Name})");
        });
    }

    public static double Cosine(float[] a, float[] b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("vectors of different lengths");
        }

        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * (double)b[i];
            na += a[i] * (double)a[i];
            nb += b[i] * (double)b[i];
        }

        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    private static GradedAssertion Build(AssertionSpec spec, Func<AssertionContext, Grader, CancellationToken, Task<Check>> check) =>
        new(spec.Type, spec.Metric, spec.Weight, spec.Negated, spec.Grader, check);

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
