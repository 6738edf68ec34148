using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Prompts;
using CiGate.Core.Suites.Prompts.Assertions;
using CiGate.Core.Suites.Prompts.Import;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Suites.Prompts.Import;

public sealed class PromptfooImporterTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void The_converted_config_loads_with_the_cases_prompts_targets_and_assertions()
    {
        // arrange
        var source = PromptfooFixture.Write(folder);
        var output = Path.Combine(folder.Path, "cigate.yml");

        // act
        var result = PromptfooImporter.Convert(source, output);
        File.WriteAllText(output, result.Yaml);
        var config = ConfigLoader.Load(output);

        // assert
        var target = Assert.Single(config.Targets);
        Assert.Equal("mini", target.Name);
        Assert.Equal("gpt-4o-mini", target.Config.Model);
        Assert.Equal(new Uri("http://127.0.0.1:8000/v1"), target.Config.BaseUrl);
        Assert.Equal("OPENAI_API_KEY", target.Config.ApiKeyEnv);
        Assert.Equal(0.2, target.Config.Temperature);

        var suite = Assert.IsType<PromptsSuite>(Assert.Single(config.Suites));
        Assert.Equal("travel-assistant", suite.Name);
        Assert.Equal(150, suite.MaxTokens);
        Assert.Equal(["prompt1", "answer"], suite.Prompts.Select(p => p.Id));
        Assert.Equal("Answer briefly: {{ question | string.upcase }}", suite.Prompts[0].Source);
        Assert.EndsWith("answer.txt", suite.Prompts[1].Origin, StringComparison.Ordinal);

        Assert.Equal(5, suite.Tests.Count);
        var france = suite.Tests.Single(t => t.Description == "names the capital of France");
        Assert.Equal("friendly", france.Vars["tone"]);
        Assert.Equal(2, france.Assertions.Count); // the default not-icontains and icontains; javascript is a comment
        Assert.Contains(france.AssertionSources, s => s.Contains("not-icontains", StringComparison.Ordinal));
        Assert.DoesNotContain(france.AssertionSources, s => s.Contains("javascript", StringComparison.Ordinal));

        var shortCase = suite.Tests.Single(t => t.Description == "keeps answers short");
        Assert.Equal(3, shortCase.Assertions.Count);
        Assert.Equal(0.5, shortCase.Threshold);
        Assert.Equal("yes: really", shortCase.Vars["note"]);
        Assert.Equal("1", shortCase.Vars["count"]);
        Assert.Contains(shortCase.AssertionSources, s => s.Contains("brevity", StringComparison.Ordinal));

        var reason = suite.Tests.Single(t => t.Description == "explains the reason");
        Assert.Contains(reason.AssertionSources, s => s.Contains(@"\\bbecause\\b", StringComparison.Ordinal));

        var csv = suite.Tests.Single(t => t.Description == "adds numbers");
        Assert.Equal("What is 2+2?", csv.Vars["question"]);
        Assert.Single(csv.Assertions); // the default test's assertion
    }

    [Fact]
    public void Code_assertions_and_unknown_providers_become_commented_todos_and_warnings()
    {
        var source = PromptfooFixture.Write(folder);

        var result = PromptfooImporter.Convert(source, Path.Combine(folder.Path, "cigate.yml"));

        Assert.StartsWith("# converted from promptfooconfig.yaml by cigate import\n", result.Yaml, StringComparison.Ordinal);
        Assert.Contains("# - type: javascript", result.Yaml, StringComparison.Ordinal);
        Assert.Contains("# TODO(cigate import): provider 'bedrock:anthropic.claude-3-5-sonnet-20241022-v2:0'", result.Yaml,
            StringComparison.Ordinal);
        var javascript = Assert.Single(result.Warnings, w => w.Message.Contains("'javascript'", StringComparison.Ordinal));
        Assert.Contains("suites run no code", javascript.Message, StringComparison.Ordinal);
        Assert.Equal(26, javascript.Line);
        var provider = Assert.Single(result.Warnings, w => w.Message.Contains("bedrock", StringComparison.Ordinal));
        Assert.Equal(12, provider.Line);
        Assert.Equal(source, provider.File);
    }

    [Fact]
    public void Paths_are_rewritten_relative_to_an_output_in_another_folder()
    {
        var source = PromptfooFixture.Write(folder);
        var output = Path.Combine(folder.Path, "ci", "cigate.yml");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);

        var result = PromptfooImporter.Convert(source, output, suiteName: "travel");
        File.WriteAllText(output, result.Yaml);

        Assert.Contains("file: ../prompts/answer.txt", result.Yaml, StringComparison.Ordinal);
        Assert.Contains("tests_file: ../more-tests.csv", result.Yaml, StringComparison.Ordinal);
        var suite = Assert.IsType<PromptsSuite>(Assert.Single(ConfigLoader.Load(output).Suites));
        Assert.Equal("travel", suite.Name);
        Assert.Equal(5, suite.Tests.Count);
    }

    [Fact]
    public void Model_graded_assertions_are_copied_with_a_grader_target_and_unknown_graded_types_commented()
    {
        folder.Write("p.yaml", """
            prompts: ["Say {{ x }}"]
            providers: [openai:gpt-4o]
            tests:
              - vars: { x: hi }
                assert:
                  - type: llm-rubric
                    value: is polite
                  - type: similar
                    value: hello there
                    threshold: 0.8
                  - type: g-eval
                    value: coherent
            """);

        var result = PromptfooImporter.Convert(folder.Path + "/p.yaml", folder.Path + "/cigate.yml");
        File.WriteAllText(folder.Path + "/cigate.yml", result.Yaml);
        var config = ConfigLoader.Load(folder.Path + "/cigate.yml");

        Assert.Contains("  - type: llm-rubric", result.Yaml, StringComparison.Ordinal);
        Assert.Contains("# - type: g-eval", result.Yaml, StringComparison.Ordinal);
        Assert.Contains(result.Warnings, w => w.Message.Contains("rewrite it as an llm-rubric", StringComparison.Ordinal));
        var grader = Assert.Single(config.Targets, t => t.Role == TargetRole.Grader);
        Assert.Equal(("grader", "gpt-4.1", "OPENAI_API_KEY"), (grader.Name, grader.Config.Model, grader.Config.ApiKeyEnv));
        var suite = Assert.IsType<PromptsSuite>(Assert.Single(config.Suites));
        Assert.Equal(["gpt-4o"], suite.Targets); // the grader is not a model under test
        Assert.Equal(["grader"], suite.GraderTargets);
    }

    [Fact]
    public void Openai_moderation_becomes_the_endpoint_form_on_a_moderator_target_it_adds()
    {
        // arrange
        folder.Write("p.yaml", """
            prompts: ["Say {{ x }}"]
            providers: [openai:gpt-4o]
            tests:
              - vars: { x: hi }
                assert:
                  - type: moderation
                    provider: openai:moderation:omni-moderation-2024-09-26
                    value: [harassment, hate]
                    threshold: 0.4
                  - type: moderation
                    provider: { id: "openai:moderation" }
                  - type: moderation
                    value: [violence]
            """);

        // act
        var result = PromptfooImporter.Convert(folder.Path + "/p.yaml", folder.Path + "/cigate.yml");
        File.WriteAllText(folder.Path + "/cigate.yml", result.Yaml);
        var config = ConfigLoader.Load(folder.Path + "/cigate.yml");

        // assert: the endpoint form with the model and categories; the plain one stays the judge
        var lines = result.Yaml.Split('\n').Select(l => l.Trim()).ToList();
        var first = lines.IndexOf("- type: moderation");
        Assert.Equal(["value:", "provider: endpoint", "model: omni-moderation-2024-09-26", "categories:", "- harassment", "- hate", "grader: moderator", "threshold: 0.4"], lines[(first + 1)..(first + 9)]);
        Assert.Equal(["- type: moderation", "value:", "provider: endpoint", "grader: moderator", "- type: moderation", "value:", "- violence"], lines[(first + 9)..(first + 16)]);
        Assert.Contains("grader: grader", lines); // two grader targets: the suite names the judge's
        Assert.DoesNotContain(result.Warnings, w => w.Message.Contains("provider", StringComparison.Ordinal));
        var moderator = Assert.Single(config.Targets, t => t.Name == "moderator");
        Assert.Equal((TargetRole.Grader, "omni-moderation-latest", "OPENAI_API_KEY"), (moderator.Role, moderator.Config.Model, moderator.Config.ApiKeyEnv));
        var suite = Assert.IsType<PromptsSuite>(Assert.Single(config.Suites));
        Assert.Equal(["gpt-4o"], suite.Targets);
        Assert.Equal(["grader", "moderator"], suite.GraderTargets);
        Assert.Equal(3, suite.Tests.Single().Assertions.Count);
    }

    [Fact]
    public void A_moderation_provider_other_than_openai_is_left_to_the_judge_with_a_warning()
    {
        folder.Write("p.yaml", """
            prompts: ["Say hi"]
            providers: [openai:gpt-4o]
            tests:
              - assert:
                  - type: moderation
                    provider: azure:moderation:content-safety
                    value: [hate]
            """);

        var result = PromptfooImporter.Convert(folder.Path + "/p.yaml", folder.Path + "/cigate.yml");

        Assert.Contains(result.Warnings, w => w.Message.Contains("'provider' is not converted", StringComparison.Ordinal));
        Assert.DoesNotContain("provider: endpoint", result.Yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("moderator", result.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_promptfoo_file_is_a_config_not_found_error()
    {
        var missing = Path.Combine(folder.Path, "nope.yaml");

        var ex = Assert.Throws<CiGateException>(() => PromptfooImporter.Convert(missing, Path.Combine(folder.Path, "cigate.yml")));

        Assert.Equal(DiagnosticCodes.ConfigNotFound, Assert.Single(ex.Diagnostics).Code);
        Assert.Equal(missing, ex.Diagnostics[0].File);
    }

    [Fact]
    public void Unconverted_top_level_keys_are_reported_not_dropped()
    {
        folder.Write("p.yaml", """
            prompts: ["Say hi"]
            providers: [openai:gpt-4o]
            outputPath: results.json
            evaluateOptions: { repeat: 3, maxConcurrency: 4, delay: 100 }
            tests: [ { vars: { x: 1 } } ]
            """);

        var result = PromptfooImporter.Convert(folder.Path + "/p.yaml", folder.Path + "/cigate.yml");
        File.WriteAllText(folder.Path + "/cigate.yml", result.Yaml);
        var suite = Assert.IsType<PromptsSuite>(Assert.Single(ConfigLoader.Load(folder.Path + "/cigate.yml").Suites));

        Assert.Contains(result.Warnings, w => w.Message.StartsWith("'outputPath' is not converted", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Message.StartsWith("evaluateOptions.delay", StringComparison.Ordinal));
        Assert.Equal(3, suite.Repeats);
        Assert.Equal(4, ConfigLoader.Load(folder.Path + "/cigate.yml").Targets[0].Config.Concurrency);
    }
}
