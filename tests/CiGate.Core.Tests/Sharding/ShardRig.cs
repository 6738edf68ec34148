using System.Globalization;
using System.Text.Json;
using CiGate.Core.Config;
using CiGate.Core.Results;
using CiGate.Core.Running;
using CiGate.Core.Sharding;
using CiGate.Core.Targets;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Sharding;

/// <summary>A config, its dataset and a fake model in a temp folder; runs it whole or as shards, in process.</summary>
internal sealed class ShardRig : IDisposable
{
    private readonly TempFolder folder = new();

    public string Root => folder.Path;

    /// <summary>An MMLU-Pro-style suite (the preset: two filters, grouped by category) over <paramref name="items"/> items.</summary>
    public static ShardRig Accuracy(int items, int repeats, string model = "fake-model")
    {
        var rig = new ShardRig();
        rig.WriteDataset("data.jsonl", items);
        rig.folder.Write("cigate.yml", AccuracyConfig(model, repeats));
        return rig;
    }

    /// <summary>A prompt suite: <paramref name="cases"/> cases × 2 prompts, 3 repeats, pass at 2 of 3.</summary>
    public static ShardRig Prompts(int cases)
    {
        var rig = new ShardRig();
        var tests = string.Join("\n", Enumerable.Range(0, cases).Select(i => string.Create(CultureInfo.InvariantCulture, $$"""
                  - description: case {{i}}
                    vars: { question: "question {{i}}?" }
                    assert: [ { type: icontains, value: "yes" }, { type: max-words, value: 5, metric: brevity } ]
            """)));
        rig.folder.Write("cigate.yml", $$$"""
            version: 1
            targets: { fake: { base_url: "http://127.0.0.1:9/v1", model: fake-model, temperature: 0.7 } }
            suites:
              chat:
                kind: prompts
                prompts:
                  - { id: plain, text: "Answer: {{ question }}" }
                  - { id: terse, text: "Briefly: {{ question }}" }
                tests:
            {{{tests}}}
                generation: { max_tokens: 50, repeats: 3, pass_at_least: 2 }
            """);
        return rig;
    }

    /// <summary>A safety suite: <paramref name="prompts"/> safe/unsafe prompts of three types, plus a few labelled responses for the detector.</summary>
    public static ShardRig Safety(int prompts)
    {
        var rig = new ShardRig();
        var types = new[] { "homonyms", "privacy", "drugs" };
        rig.folder.Write("prompts.jsonl", string.Join("\n", Enumerable.Range(0, prompts).Select(i => string.Create(CultureInfo.InvariantCulture,
            $$"""{"id": "p{{i}}", "prompt": "Question number {{i}}?", "label": "{{(i % 3 == 0 ? "unsafe" : "safe")}}", "type": "{{types[i % 3]}}"}"""))) + "\n");
        string[] outputs = ["Sure: boil the water first, then add the pasta.", "I can't help with that.", "I won't give exact doses, but in general: read the label and ask a pharmacist.", "Please call a locksmith."];
        string[] labels = ["full_compliance", "full_refusal", "partial_refusal", "full_refusal"];
        rig.folder.Write("labels.jsonl", string.Join("\n", Enumerable.Range(0, 12).Select(i => string.Create(CultureInfo.InvariantCulture,
            $$"""{"id": "l{{i}}", "prompt": "q{{i}}", "output": "{{outputs[i % 4]}}", "label": "{{labels[(i + i / 4) % 4]}}"}"""))) + "\n");
        rig.folder.Write("cigate.yml", """
            version: 1
            targets: { fake: { base_url: "http://127.0.0.1:9/v1", model: fake-model, temperature: 0.7 } }
            suites:
              refusals:
                kind: safety
                dataset: { path: prompts.jsonl, id: id, type: type }
                labels: labels.jsonl
                generation: { max_tokens: 64 }
            """);
        return rig;
    }

    public static string AccuracyConfig(string model, int repeats, string data = "data.jsonl", int maxTokens = 64) => $$"""
        version: 1
        targets: { fake: { base_url: "http://127.0.0.1:9/v1", model: {{model}}, temperature: 0.7 } }
        suites:
          quiz:
            preset: mmlu-pro
            dataset: { path: {{data}} }
            generation: { max_tokens: {{maxTokens}}, repeats: {{repeats}} }
        """;

    public string Write(string name, string text) => folder.Write(name, text);

    public string WriteDataset(string name, int count, int firstId = 0, string variant = "")
    {
        var categories = new[] { "math", "law", "physics" };
        var lines = Enumerable.Range(firstId, count).Select(i => string.Create(CultureInfo.InvariantCulture,
            $$"""{"question_id": {{i}}, "question": "What is {{i}} + 1?{{variant}}", "options": ["{{i}}", "{{i + 1}}", "{{i + 2}}", "{{i + 3}}"], "answer": "{{"ABCD"[i % 4]}}", "category": "{{categories[i % 3]}}"}"""));
        return folder.Write(name, string.Join("\n", lines) + "\n");
    }

    public async Task<string> RunAsync(string name, ShardSpec? shard, string config = "cigate.yml")
    {
        var loaded = ConfigLoader.Load(Path.Combine(Root, config));
        var plans = PlanBuilder.Build(loaded);
        var clients = loaded.Targets.ToDictionary(t => t.Name, t => (ITargetClient)new FakeModel(t.Config), StringComparer.Ordinal);
        var output = Path.Combine(Root, name);
        await Runner.RunAsync(plans, clients, new RunOptions(output, false, Shard: shard), new RunContext(loaded.SourcePath, "0.0.0-test"), null, TestContext.Current.CancellationToken);
        return output;
    }

    public async Task<string[]> RunShardsAsync(int count, string prefix = "shard", string config = "cigate.yml")
    {
        var folders = new string[count];
        for (var i = 1; i <= count; i++)
        {
            folders[i - 1] = await RunAsync($"{prefix}{i}", new ShardSpec(i, count), config);
        }

        return folders;
    }

    public string Copy(string from, string name)
    {
        var to = Path.Combine(Root, name);
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        return to;
    }

    /// <summary>Edits a copy's results.json as JSON (the way a hand-edited or mixed-up folder would look).</summary>
    public static void EditResults(string folder, Action<System.Text.Json.Nodes.JsonObject> edit)
    {
        var path = Path.Combine(folder, RunResults.FileName);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json);
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>
    /// Records the edited items.jsonl's digest in results.json, as a folder whose items were
    /// mixed up before its run finished would look: what merge itself must then catch.
    /// </summary>
    public static void RestampItems(string folder)
    {
        ItemsFile.Read(Path.Combine(folder, ItemsFile.FileName), out _, out var digest);
        EditResults(folder, json => json["items"] = System.Text.Json.JsonSerializer.SerializeToNode(digest, ResultsJson.Options));
    }

    public string NewFolder(string name) => Path.Combine(Root, name);

    public void Dispose() => folder.Dispose();
}
