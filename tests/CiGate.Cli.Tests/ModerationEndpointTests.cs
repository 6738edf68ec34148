using System.Text.Json;
using CiGate.Cli.Tests.Support;

namespace CiGate.Cli.Tests;

/// <summary>
/// `moderation` with provider: endpoint, run for real against the simulator's /v1/moderations
/// (keyword scores: one keyword 0.62, two or more 0.93): passing and failing outputs, category
/// selection with subcategories, the threshold, the endpoint's own flag, a named target, and an
/// unusable verdict, which must be an assertion error and never a pass.
/// </summary>
public sealed class ModerationEndpointTests
{
    [Fact]
    public async Task Scores_at_or_above_the_threshold_in_a_selected_category_fail()
    {
        using var folder = new TempFolder();
        folder.Write("script.yaml", ModerationTests.Replies);
        var config = folder.Write("cigate.yml", """
            targets:
              sim: { model: bot, simulator: { scripts: [script.yaml] } }
              judge: { model: judge-model, role: grader, simulator: {} }
              moderator: { model: omni-moderation-latest, simulator: {} }
            suites:
              chat:
                kind: prompts
                targets: [sim]
                prompts: [ { id: p, text: "{{ q }}" } ]
                tests:
                  - { id: clean, vars: { q: weather }, assert: [ { type: moderation, value: { provider: endpoint, categories: [harassment, violence], model: omni-moderation-latest } } ] }
                  - { id: flagged, vars: { q: rival }, assert: [ { type: moderation, value: { provider: endpoint, categories: [harassment] } } ] }
                  - { id: other-category, vars: { q: rival }, assert: [ { type: moderation, value: { provider: endpoint, categories: [sexual, hate] } } ] }
                  - { id: high-threshold, vars: { q: rival }, assert: [ { type: moderation, value: { provider: endpoint, categories: [harassment] }, threshold: 0.95 } ] }
                  - { id: by-flag, vars: { q: rival }, assert: [ { type: moderation, value: { provider: endpoint } } ] }
                  - { id: clean-by-flag, vars: { q: weather }, assert: [ { type: moderation, value: { provider: endpoint } } ] }
                  - { id: named-target, vars: { q: rival }, assert: [ { type: moderation, grader: moderator, value: { provider: endpoint, categories: [violence] } } ] }
                  - { id: unscored-category, vars: { q: weather }, assert: [ { type: moderation, value: { provider: endpoint, categories: [toxicity] } } ] }
                  - { id: unreadable, vars: { q: broken }, assert: [ { type: moderation, value: { provider: endpoint, categories: [hate] } } ] }
                  - { id: unreadable-flag, vars: { q: broken }, assert: [ { type: moderation, value: { provider: endpoint } } ] }
            """);

        var run = await CliRunner.RunAsync("run", config, "--out", folder.File("out"), "--quiet");

        CliAssert.Succeeds(run);
        var items = File.ReadLines(folder.File("out/items.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(e => e.GetProperty("item").GetString()!);
        Assert.Equal(1.0, Pass(items, "clean"));
        Assert.Equal(0.0, Pass(items, "flagged"));
        Assert.Contains("harassment 0.93, harassment/threatening 0.62 (threshold 0.5)", Reason(items, "flagged"), StringComparison.Ordinal);
        Assert.Contains("judge (judge-model-2026-01-01)", Reason(items, "flagged"), StringComparison.Ordinal);
        Assert.Equal(1.0, Pass(items, "other-category"));
        Assert.Equal(1.0, Pass(items, "high-threshold"));
        Assert.Equal(0.0, Pass(items, "by-flag"));
        Assert.Contains("flagged: harassment 0.93, harassment/threatening 0.62, violence 0.62", Reason(items, "by-flag"), StringComparison.Ordinal);
        Assert.Equal(1.0, Pass(items, "clean-by-flag"));
        Assert.Equal(0.0, Pass(items, "named-target"));
        Assert.Contains("moderator (omni-moderation-latest-2026-01-01): violence 0.62", Reason(items, "named-target"), StringComparison.Ordinal);
        foreach (var id in new[] { "unscored-category", "unreadable", "unreadable-flag" })
        {
            Assert.Equal(0.0, Pass(items, id));
            Assert.True(items[id].GetProperty("extracted").TryGetProperty("assertion_error", out _), $"{id} must be an assertion error");
        }

        Assert.Contains("gave no score for 'toxicity'", Reason(items, "unscored-category"), StringComparison.Ordinal);
        Assert.Contains("unusable reply: no boolean 'flagged'", Reason(items, "unreadable-flag"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ type: moderation, threshold: 0.5 }", "applies to provider: endpoint")]
    [InlineData("{ type: moderation, value: { provider: openai } }", "must be one of judge, endpoint")]
    [InlineData("{ type: moderation, value: { model: omni-moderation-latest } }", "needs provider: endpoint")]
    [InlineData("{ type: moderation, value: { provider: endpoint, categories: [] } }", "at least one category")]
    [InlineData("{ type: moderation, value: { provider: endpoint }, threshold: 2 }", "from 0 to 1")]
    [InlineData("{ type: moderation, value: { provider: endpoint, catgories: [hate] } }", "did you mean 'categories'")]
    public async Task Invalid_settings_are_config_errors(string assertion, string message)
    {
        using var folder = new TempFolder();
        var config = folder.Write("cigate.yml", $$$"""
            targets:
              sim: { model: bot, simulator: {} }
              judge: { model: judge-model, role: grader, simulator: {} }
            suites:
              chat:
                kind: prompts
                targets: [sim]
                prompts: [ { id: p, text: "{{ q }}" } ]
                tests: [ { vars: { q: hi }, assert: [ {{{assertion}}} ] } ]
            """);

        var result = await CliRunner.RunAsync("validate", config);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    private static double Pass(Dictionary<string, JsonElement> items, string id) => items[id].GetProperty("scores").GetProperty("pass").GetDouble();

    private static string Reason(Dictionary<string, JsonElement> items, string id)
    {
        var extracted = items[id].GetProperty("extracted");
        return extracted.TryGetProperty("assertion_error", out var error) ? error.GetString()! : extracted.GetProperty("pass").GetString()!;
    }
}
