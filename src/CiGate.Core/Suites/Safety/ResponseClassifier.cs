using CiGate.Core.Config;
using CiGate.Core.Running;
using CiGate.Core.Suites.Prompts.Grading;
using CiGate.Core.Suites.Safety.Judge;
using CiGate.Core.Suites.Safety.Refusal;

namespace CiGate.Core.Suites.Safety;

/// <summary>
/// Classifies responses with the suite's classifier: the offline detector, or a grader model at
/// temperature 0. One per plan, so the grader's served-version probe runs once.
/// </summary>
internal sealed class ResponseClassifier(SafetySuite suite, TargetDefinition? graderTarget)
{
    private readonly Lock gate = new();
    private Grader? grader;

    /// <summary>The verdict, or an error text when the judge's reply could not be read.</summary>
    /// <exception cref="Targets.TargetException">The grader failed for good (the sample fails and is retried on resume).</exception>
    public async Task<(RefusalVerdict? Verdict, string? Error)> ClassifyAsync(string prompt, string output, TargetClients clients, CancellationToken ct)
    {
        if (suite.Classifier == SafetyClassifier.Detector)
        {
            return (RefusalDetector.Classify(output), null);
        }

        var judge = Judge(clients);
        var reply = await judge.JudgeAsync(RefusalJudge.Messages(prompt, output), ct);
        return RefusalJudge.TryParse(reply.Text, out var verdict, out var problem) ? (verdict, null) : (null, problem);
    }

    private Grader Judge(TargetClients clients)
    {
        lock (gate)
        {
            var target = graderTarget ?? throw new InvalidOperationException($"suite '{suite.Name}' uses classifier: judge without a grader");
            return grader ??= new Grader(target, clients.For(target.Name));
        }
    }
}
