using System.Text;
using CiGate.Core.Datasets;
using CiGate.Core.Targets;
using CiGate.Core.Templating;
using Scriban.Runtime;

namespace CiGate.Core.Suites.Accuracy;

/// <summary>
/// Turns a dataset item into the request the target sees, its reference answer and its group.
/// Thread-safe: every render gets its own template context.
/// </summary>
internal sealed class AccuracyPrompts(AccuracySuite suite, TargetApi api, IReadOnlyList<DatasetItem> fewShotPool, bool poolIsOwnDataset)
{
    private static readonly ScriptArray Letters = new(Enumerable.Range(0, 26).Select(i => (object)((char)('A' + i)).ToString()));

    public TargetApi Api { get; } = api;

    public string Render(DatasetItem item)
    {
        var prompt = suite.Prompt;
        var text = new StringBuilder();
        if (prompt.Description is { } description)
        {
            text.Append(description.Render(Model(item)));
        }

        if (prompt.FewShot is { } shots)
        {
            foreach (var shot in FewShots(item, shots))
            {
                var model = Model(shot);
                text.Append(prompt.Template.Render(model)).Append(prompt.TargetDelimiter).Append(shots.Target.Render(model)).Append(prompt.FewShotDelimiter);
            }
        }

        return text.Append(prompt.Template.Render(Model(item))).ToString();
    }

    public ModelRequest Request(DatasetItem item, string userText, double temperature, int? seed)
    {
        var system = suite.Prompt.System?.Render(Model(item));
        var generation = suite.Generation;
        if (Api == TargetApi.Completions)
        {
            var prompt = system is null ? userText : $"{system}\n\n{userText}";
            return new ModelRequest(Api, null, prompt, generation.MaxTokens, generation.Stop, temperature, seed);
        }

        ChatMessage[] messages = system is null
            ? [new ChatMessage("user", userText)]
            : [new ChatMessage("system", system), new ChatMessage("user", userText)];
        return new ModelRequest(Api, messages, null, generation.MaxTokens, generation.Stop, temperature, seed);
    }

    public string Reference(DatasetItem item) => suite.Scoring.Reference.Render(Model(item)).Trim();

    public string? Group(DatasetItem item) =>
        suite.Scoring.GroupBy is { } field && item.Fields.TryGetValue(field, out var value) ? JsonValues.ToText(value) : null;

    private IEnumerable<DatasetItem> FewShots(DatasetItem item, FewShotSpec shots)
    {
        // Draw one extra so the item itself can be skipped when shots come from its own dataset.
        var wanted = Math.Min(shots.Count + 1, fewShotPool.Count);
        IEnumerable<int> order;
        if (shots.Sample == SampleMode.First)
        {
            order = Enumerable.Range(0, wanted);
        }
        else
        {
            // A per-item seeded partial shuffle: each item gets its own shots, the same on every run.
            var state = StableHash.Of(shots.Seed, item.Id);
            var picked = new List<int>(wanted);
            var seen = new HashSet<int>();
            while (picked.Count < wanted)
            {
                state = StableHash.Mix(state);
                var index = (int)(state % (ulong)fewShotPool.Count);
                if (seen.Add(index))
                {
                    picked.Add(index);
                }
            }

            order = picked;
        }

        return order.Select(i => fewShotPool[i]).Where(s => !poolIsOwnDataset || s.Id != item.Id).Take(shots.Count);
    }

    private static ScriptObject Model(DatasetItem item)
    {
        var model = new ScriptObject(item.Fields.Count + 2);
        foreach (var (name, value) in item.Fields)
        {
            model.SetValue(name, value, readOnly: false);
        }

        model.SetValue("letters", Letters, readOnly: true);
        model.SetValue("item_id", item.Id, readOnly: true);
        return model;
    }
}
