using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// promptfoo's scoring rule through a real `cigate run` against the scripted simulator: a failing
/// assertion with weight 0 only reports its score (the case passes), the same assertion with
/// weight 1 fails its case, and a test threshold passes a case on its weighted score.
/// </summary>
public sealed class AssertionWeightTests
{
    [Fact]
    public async Task A_failing_weight_zero_assertion_passes_its_case_in_cigate_run()
    {
        using var folder = new TempFolder();
        folder.Write("sim.yaml", """
            - match: "capital of France"
              reply: "Paris is the capital of France."
            """);
        var config = folder.Write("cigate.yml", """
            version: 1
            targets:
              sim: { model: bot, simulator: { scripts: [sim.yaml] } }
            suites:
              weights:
                kind: prompts
                prompts: [ { id: p, text: "{{ question }}" } ]
                tests:
                  - description: report-only miss
                    vars: { question: "What is the capital of France?" }
                    assert:
                      - { type: contains, value: Paris }
                      - { type: contains, value: Lyon, weight: 0 }
                  - description: weighted miss
                    vars: { question: "What is the capital of France? Really." }
                    assert:
                      - { type: contains, value: Paris }
                      - { type: contains, value: Lyon, weight: 1 }
                  - description: threshold reached
                    vars: { question: "What is the capital of France? Briefly." }
                    threshold: 0.75
                    assert:
                      - { type: contains, value: Paris, weight: 3 }
                      - { type: contains, value: Lyon }
            """);

        var run = await CigateProcess.RunAsync(folder.Path, null, "run", config, "--out", folder.File("results"), "--quiet");

        Assert.True(run.ExitCode == 0, run.ToString());
        var items = ResultsFolder.ReadItems(folder.File("results"));
        Assert.Equal(3, items.Count);
        var passes = items.Select(i => i.Extracted.Contains("\"pass\":\"pass\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, passes.Count(p => p));
        var failed = Assert.Single(items, i => !i.Extracted.Contains("\"pass\":\"pass\"", StringComparison.Ordinal));
        Assert.Contains("Lyon", failed.Extracted, StringComparison.Ordinal); // the weighted miss, named by its assertion
    }
}
