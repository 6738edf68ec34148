using System.Text.Json;
using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// Issue 24 item 1: an extraction regex that hits its match timeout on one looping model output
/// makes that sample invalid, with the reason, and the run (and a resume) goes on.
/// </summary>
public sealed class SlowRegexTests
{
    // Nested quantifiers with a required '.' that never comes: catastrophic backtracking.
    private const string Pattern = @"Answer:\s*((\w+\s*)+)\.";

    [Fact]
    public async Task RegexTimeoutOnOneLoopingOutput_MakesThatItemInvalid_AndTheRunAndResumeComplete()
    {
        using var folder = new TempFolder();
        var looping = "Answer: " + string.Concat(Enumerable.Repeat("the answer is ", 21))[..290];
        var dataset = string.Concat(Enumerable.Range(1, 6).Select(i =>
            $$"""{"id": "q{{i}}", "question": "Which option is number {{i}}?", "options": ["one", "two", "three", "four"], "answer": "B"}""" + "\n"));
        folder.Write("data.jsonl", dataset);
        folder.Write("loop.json", JsonSerializer.Serialize(new[] { new { match = "number 3?", reply = looping } }));
        var config = folder.Write("cigate.yml", $$$"""
            version: 1
            targets:
              sim:
                simulator: { accuracy: 0.7, seed: 1, scripts: [loop.json] }
                concurrency: 2
            suites:
              qa:
                dataset: { path: data.jsonl, id: id }
                prompt:
                  template: "Question: {{ question }}\nAnswer:"
                scoring:
                  reference: "{{ answer }}"
                  filters:
                    - name: strict
                      cascade:
                        - { pattern: '{{{Pattern}}}' }

            """);
        var output = folder.File("out");

        var first = await CigateProcess.RunAsync(folder.Path, null, "run", config, "--out", output, "--quiet");

        Assert.True(first.ExitCode == 0, first.ToString());
        AssertLoopingItemInvalid(output);

        // Resume after losing the looping item and one other (as a kill would): both run again.
        var path = Path.Combine(output, "items.jsonl");
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        var kept = lines.Where(l => !l.Contains("\"q3\"", StringComparison.Ordinal)).Skip(1).ToList();
        Assert.Equal(lines.Count - 2, kept.Count);
        File.WriteAllLines(path, kept);

        var resumed = await CigateProcess.RunAsync(folder.Path, null, "run", config, "--out", output, "--resume", "--quiet");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(6, ResultsFolder.ReadItems(output).Count);
        AssertLoopingItemInvalid(output);
    }

    private static void AssertLoopingItemInvalid(string output)
    {
        var results = ResultsFolder.ReadResults(output);
        Assert.Equal("complete", results.GetProperty("status").GetString());
        var counts = ResultsFolder.OnlySuite(results).GetProperty("counts");
        Assert.Equal(6, counts.GetProperty("completed").GetInt32());
        Assert.Equal(0, counts.GetProperty("errored").GetInt32());
        Assert.True(counts.GetProperty("invalid").GetProperty("strict").GetInt32() >= 1, counts.GetRawText());

        var line = File.ReadAllLines(Path.Combine(output, "items.jsonl")).Single(l => l.Contains("\"item\":\"q3\"", StringComparison.Ordinal));
        using var item = JsonDocument.Parse(line);
        var root = item.RootElement;
        Assert.Equal("[invalid]", root.GetProperty("extracted").GetProperty("strict").GetString());
        Assert.Equal(0, root.GetProperty("scores").GetProperty("exact_match,strict").GetDouble());
        Assert.False(root.TryGetProperty("error", out _));
        var reason = root.GetProperty("scoring_error").GetString()!;
        Assert.Contains("filter 'strict'", reason, StringComparison.Ordinal);
        Assert.Contains("timed out", reason, StringComparison.Ordinal);
    }
}
