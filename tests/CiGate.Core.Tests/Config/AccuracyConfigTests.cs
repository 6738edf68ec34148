using CiGate.Core.Config;
using CiGate.Core.Datasets;
using CiGate.Core.Diagnostics;
using CiGate.Core.Running;
using CiGate.Core.Suites.Accuracy;
using CiGate.Core.Suites.Accuracy.Scoring;

namespace CiGate.Core.Tests.Config;

public sealed class AccuracyConfigTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_preset_is_overridden_key_by_key()
    {
        WriteLetterDataset("data.jsonl", 5);
        var path = folder.Write("cigate.yml", """
            targets: { t: { base_url: "http://127.0.0.1:9/v1", model: m } }
            suites:
              mmlu:
                preset: mmlu-pro
                dataset: { path: data.jsonl }
                generation: { max_tokens: 64 }
            """);

        var suite = (AccuracySuite)ConfigLoader.Load(path).Suites.Single();

        Assert.Equal(64, suite.Generation.MaxTokens);               // overridden
        Assert.Equal(["Question:"], suite.Generation.Stop);         // kept from the preset's generation map
        Assert.Equal(["mmlu-pro", "custom-extract"], suite.Scoring.Filters.Select(f => f.Name));
        Assert.Equal("category", suite.Scoring.GroupBy);
        Assert.Equal("question_id", suite.Dataset.IdField);
    }

    [Fact]
    public void The_mmlu_pro_prompt_renders_like_lm_eval()
    {
        WriteLetterDataset("data.jsonl", 1);
        var path = folder.Write("cigate.yml", """
            targets: { t: { base_url: "http://127.0.0.1:9/v1", model: m } }
            suites: { mmlu: { preset: mmlu-pro, dataset: { path: data.jsonl } } }
            """);

        var plan = (AccuracyPlan)PlanBuilder.Build(ConfigLoader.Load(path)).Single();
        var request = plan.BuildRequest(0, 0);

        Assert.Equal(
            """
            The following are multiple choice questions (with answers) about math. Think step by step and then finish your answer with "the answer is (X)" where X is the correct letter choice.

            Question:
            What is 0 + 1?
            Options:
            A. 0
            B. 1
            C. 2
            D. 3
            Answer: Let's think step by step.
            """.ReplaceLineEndings("\n"),
            request.Messages!.Single().Content);
        Assert.Equal(1234, request.Seed); // the target's default seed; repeat r sends seed + r
    }

    [Fact]
    public void A_seeded_random_subset_is_stable_and_kept_in_file_order()
    {
        var data = WriteLetterDataset("data.jsonl", 200);
        var spec = new DatasetSpec(data, DatasetFormat.Jsonl, "question_id", new Dictionary<string, string>(), new Dictionary<string, IReadOnlyList<string>>(), 20, SampleMode.Random, 7);

        var first = DatasetLoader.Load(spec, []).Items.Select(i => i.Id).ToList();
        var second = DatasetLoader.Load(spec, []).Items.Select(i => i.Id).ToList();
        var otherSeed = DatasetLoader.Load(spec with { Seed = 8 }, []).Items.Select(i => i.Id).ToList();

        Assert.Equal(20, first.Count);
        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
        Assert.Equal(first, first.OrderBy(int.Parse).ToList());
    }

    [Fact]
    public void Filters_and_csv_datasets_work()
    {
        var csv = folder.Write("data.csv", "id,question,answer,topic\n1,\"Say \"\"hi\"\", please\",hi,greet\n2,\"Two,\nlines\",x,other\n3,q3,y,greet\n");
        var spec = new DatasetSpec(csv, DatasetFormat.Csv, "id", new Dictionary<string, string> { ["prompt"] = "question" },
            new Dictionary<string, IReadOnlyList<string>> { ["topic"] = ["greet"] }, null, SampleMode.First, 1);

        var items = DatasetLoader.Load(spec, []).Items;

        Assert.Equal(["1", "3"], items.Select(i => i.Id));
        Assert.Equal("Say \"hi\", please", items[0].Fields["prompt"]);
    }

    [Fact]
    public void A_malformed_jsonl_line_is_reported_with_its_line()
    {
        var data = folder.Write("bad.jsonl", "{\"question_id\": 1, \"question\": \"q\"}\n{oops\n");
        var spec = new DatasetSpec(data, DatasetFormat.Jsonl, "question_id", new Dictionary<string, string>(), new Dictionary<string, IReadOnlyList<string>>(), null, SampleMode.First, 1);

        var error = Assert.Throws<CiGateException>(() => DatasetLoader.Load(spec, []));

        Assert.Equal((DiagnosticCodes.DatasetMalformed, 2), (error.Diagnostics[0].Code, error.Diagnostics[0].Line));
    }

    [Fact]
    public void Few_shot_examples_from_the_own_dataset_never_include_the_item()
    {
        WriteLetterDataset("data.jsonl", 6);
        var path = folder.Write("cigate.yml", """
            targets: { t: { base_url: "http://127.0.0.1:9/v1", model: m } }
            suites:
              s:
                dataset: { path: data.jsonl, id: question_id }
                prompt:
                  template: "Q: {{ question }}\nA:"
                  fewshot: { n: 5, sample: first, target: "{{ answer }}" }
                scoring: { reference: "{{ answer }}", filters: [ { name: f, cascade: [ { pattern: '([A-J])' } ] } ] }
            """);

        var plan = (AccuracyPlan)PlanBuilder.Build(ConfigLoader.Load(path)).Single();

        for (var i = 0; i < plan.ItemCount; i++)
        {
            var prompt = plan.BuildRequest(i, 0).Messages!.Single().Content;
            Assert.Equal(6, prompt.Split("Q: ").Length - 1);                        // 5 shots + the item
            Assert.Equal(1, prompt.Split($"What is {i} + 1?").Length - 1);          // the item appears once: last
            Assert.EndsWith($"Q: What is {i} + 1?\nA:", prompt, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_problem_in_a_config_is_reported_at_once()
    {
        var path = folder.Write("cigate.yml", """
            targets:
              t: { base_url: "http://127.0.0.1:9/v1", model: m, concurency: 4 }
            suites:
              s:
                preset: mmlu-pro
                dataset: { path: missing.jsonl }
                generation: { max_tokens: lots }
            """);

        var error = Assert.Throws<CiGateException>(() => ConfigLoader.Load(path));

        Assert.Equal(
            [(DiagnosticCodes.UnknownKey, 2), (DiagnosticCodes.DatasetNotFound, 6), (DiagnosticCodes.WrongType, 7)],
            error.Diagnostics.Select(d => (d.Code, d.Line)).OrderBy(d => d.Line));
        Assert.Contains("did you mean 'concurrency'", error.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exact_match_options_of_the_gsm8k_preset_strip_the_worked_solution()
    {
        WriteLetterDataset("data.jsonl", 2);
        var path = folder.Write("cigate.yml", """
            targets: { t: { base_url: "http://127.0.0.1:9/v1", model: m } }
            suites: { g: { preset: gsm8k, dataset: { path: data.jsonl } } }
            """);

        var suite = (AccuracySuite)ConfigLoader.Load(path).Suites.Single();

        Assert.True(AnswerMatcher.IsMatch("$1,234.", "She adds 1000 and 234.\n#### 1,234", suite.Scoring.ExactMatch));
    }

    [Fact]
    public void The_gsm8k_preset_gates_on_flexible_extract_unless_the_suite_says_otherwise()
    {
        WriteLetterDataset("data.jsonl", 2);
        var path = folder.Write("cigate.yml", """
            targets: { t: { base_url: "http://127.0.0.1:9/v1", model: m } }
            suites:
              plain: { preset: gsm8k, dataset: { path: data.jsonl } }
              margin: { preset: gsm8k, dataset: { path: data.jsonl }, gate: { max_drop: 2 } }
              strict: { preset: gsm8k, dataset: { path: data.jsonl }, gate: { metric: "exact_match,strict-match" } }
            """);

        var gates = ConfigLoader.Load(path).Suites.ToDictionary(s => s.Name, s => s.Gate);

        Assert.Equal("exact_match,flexible-extract", gates["plain"].Metric);
        Assert.Equal(("exact_match,flexible-extract", 2.0), (gates["margin"].Metric, gates["margin"].MaxDrop));
        Assert.Equal("exact_match,strict-match", gates["strict"].Metric);
    }

    private string WriteLetterDataset(string name, int count)
    {
        var lines = Enumerable.Range(0, count).Select(i =>
            $$"""{"question_id": {{i}}, "question": "What is {{i}} + 1?", "options": ["{{i}}", "{{i + 1}}", "{{i + 2}}", "{{i + 3}}"], "answer": "B", "category": "math"}""");
        return folder.Write(name, string.Join("\n", lines) + "\n");
    }
}
