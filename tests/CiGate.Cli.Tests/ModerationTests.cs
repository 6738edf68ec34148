using System.Text.Json;
using CiGate.Cli.Tests.Support;

namespace CiGate.Cli.Tests;

/// <summary>The model-graded `moderation` assertion against a simulated grader: clean, flagged, unreadable.</summary>
public sealed class ModerationTests
{
    /// <summary>The simulated model's replies: clean, abusive, and one whose grading comes back unreadable.</summary>
    internal const string Replies = """
        - match: weather
          reply: "Sunny with a light breeze, around 21 degrees."
        - match: rival
          reply: "Your rival is a worthless idiot and someone should beat you both."
        - match: broken
          reply: "Fine. [cigate-judge:garbage]"
        """;

    [Fact]
    public async Task Moderation_passes_clean_outputs_fails_flagged_ones_and_never_passes_an_unreadable_reply()
    {
        using var folder = new TempFolder();
        folder.Write("script.yaml", Replies);
        var config = folder.Write("cigate.yml", """
            targets:
              sim: { model: bot, simulator: { scripts: [script.yaml] } }
              judge: { model: judge-model, role: grader, simulator: {} }
            suites:
              chat:
                kind: prompts
                targets: [sim]
                prompts: [ { id: p, text: "{{ q }}" } ]
                tests:
                  - { id: clean, vars: { q: weather }, assert: [ { type: moderation } ] }
                  - { id: flagged, vars: { q: rival }, assert: [ { type: moderation, value: [harassment, violence] } ] }
                  - { id: other-category, vars: { q: rival }, assert: [ { type: moderation, value: [sexual] } ] }
                  - { id: unreadable, vars: { q: broken }, assert: [ { type: moderation } ] }
            """);

        var run = await CliRunner.RunAsync("run", config, "--out", folder.File("out"), "--quiet");

        CliAssert.Succeeds(run);
        var items = File.ReadLines(folder.File("out/items.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(e => e.GetProperty("item").GetString()!);
        Assert.Equal(1.0, items["clean"].GetProperty("scores").GetProperty("pass").GetDouble());
        Assert.Equal(0.0, items["flagged"].GetProperty("scores").GetProperty("pass").GetDouble());
        Assert.Contains("harassment, violence", items["flagged"].GetProperty("extracted").GetProperty("pass").GetString(), StringComparison.Ordinal);
        Assert.Equal(1.0, items["other-category"].GetProperty("scores").GetProperty("pass").GetDouble());
        Assert.Equal(0.0, items["unreadable"].GetProperty("scores").GetProperty("pass").GetDouble());
        Assert.True(items["unreadable"].GetProperty("extracted").TryGetProperty("assertion_error", out _));
    }

    [Fact]
    public async Task Unknown_categories_are_a_config_error()
    {
        using var folder = new TempFolder();
        var config = folder.Write("cigate.yml", """
            targets:
              sim: { model: bot, simulator: {} }
              judge: { model: judge-model, role: grader, simulator: {} }
            suites:
              chat:
                kind: prompts
                targets: [sim]
                prompts: [ { id: p, text: "{{ q }}" } ]
                tests: [ { vars: { q: hi }, assert: [ { type: moderation, value: [toxicity] } ] } ]
            """);

        var result = await CliRunner.RunAsync("validate", config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown: 'toxicity'", result.Stderr, StringComparison.Ordinal);
    }
}
