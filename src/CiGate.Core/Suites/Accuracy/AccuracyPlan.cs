using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CiGate.Core.Config;
using CiGate.Core.Datasets;
using CiGate.Core.Diagnostics;
using CiGate.Core.Results;
using CiGate.Core.Running;
using CiGate.Core.Suites.Accuracy.Scoring;
using CiGate.Core.Targets;
using CiGate.Core.Templating;

namespace CiGate.Core.Suites.Accuracy;

/// <summary>An accuracy suite on one target: render, call, extract with every filter, score.</summary>
internal sealed class AccuracyPlan : IItemPlan
{
    private readonly AccuracySuite suite;
    private readonly Dataset dataset;
    private readonly AccuracyPrompts prompts;
    private readonly string[] scoreKeys;

    public AccuracyPlan(AccuracySuite suite, TargetDefinition target, Dataset dataset, IReadOnlyList<DatasetItem> fewShotPool)
    {
        CheckLoopedFields(suite, dataset.Items, dataset.Path);
        if (suite.Prompt.FewShot is { Path: { } shotsPath })
        {
            CheckLoopedFields(suite, fewShotPool, shotsPath);
        }

        this.suite = suite;
        this.dataset = dataset;
        Target = target;
        prompts = new AccuracyPrompts(suite, suite.Prompt.Api ?? target.Config.Api, fewShotPool, suite.Prompt.FewShot is { Path: null });
        scoreKeys = [.. suite.Scoring.Filters.Select(f => MetricKey(f.Name))];
        Dataset = new DatasetInfo(dataset.Path, dataset.Sha256, dataset.TotalRecords, dataset.Items.Count);
    }

    public SuiteDefinition Suite => suite;

    public TargetDefinition Target { get; }

    public int ItemCount => dataset.Items.Count;

    public int Repeats => suite.Generation.Repeats;

    public DatasetInfo Dataset { get; }

    public string PromptTemplateHash => suite.PromptTemplateHash;

    DatasetInfo? ISuitePlan.Dataset => Dataset;

    string? ISuitePlan.PromptTemplateHash => PromptTemplateHash;

    public static string MetricKey(string filter) => $"exact_match,{filter}";

    public static string MajorityKey(int repeats, string filter) => $"exact_match_maj@{repeats},{filter}";

    public string ItemId(int index) => dataset.Items[index].Id;

    public void Preview()
    {
        var item = dataset.Items[0];
        Guard(item, () => prompts.Request(item, prompts.Render(item), 0, null));
        Guard(item, () => prompts.Reference(item));
    }

    public async Task<ItemRecord> ExecuteAsync(int index, int repeat, TargetClients clients, CancellationToken ct)
    {
        var client = clients.For(Target.Name);
        var item = dataset.Items[index];
        var request = BuildRequest(index, repeat);
        var reference = Guard(item, () => prompts.Reference(item));
        var record = new ItemRecord
        {
            Suite = suite.Name,
            Target = Target.Name,
            Item = item.Id,
            Repeat = repeat,
            PromptHash = Shared.PromptHash.Of(request),
            Group = prompts.Group(item),
            Reference = reference,
            Question = Excerpt(item),
        };

        ModelResponse response;
        var started = Stopwatch.GetTimestamp();
        try
        {
            response = await client.CompleteAsync(request, ct);
        }
        catch (TargetException ex)
        {
            return record.WithFailure(ex, Stopwatch.GetElapsedTime(started));
        }

        var filters = suite.Scoring.Filters;
        var extracted = new Dictionary<string, string>(filters.Count, StringComparer.Ordinal);
        var scores = new Dictionary<string, double>(filters.Count, StringComparer.Ordinal);
        List<string>? problems = null;
        for (var i = 0; i < filters.Count; i++)
        {
            try
            {
                var value = filters[i].Apply(response.Text);
                extracted[filters[i].Name] = value;
                scores[scoreKeys[i]] = !filters[i].IsInvalid(value) && AnswerMatcher.IsMatch(value, reference, suite.Scoring.ExactMatch) ? 1 : 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One hostile output must not stop the run (and every resume after it): this
                // sample is invalid under this filter, with the reason kept beside it.
                (problems ??= []).Add($"filter '{filters[i].Name}': {ScoringFailure(ex, response.Text)}");
                extracted[filters[i].Name] = ExtractionFilter.Invalid;
                scores[scoreKeys[i]] = 0;
            }
        }

        var scored = record.WithResponse(response, extracted, scores);
        return problems is null ? scored : scored with { ScoringError = string.Join("; ", problems) };
    }

    private static string ScoringFailure(Exception ex, string output) => ex switch
    {
        RegexMatchTimeoutException timeout => string.Create(CultureInfo.InvariantCulture, $"the pattern '{timeout.Pattern}' timed out after {timeout.MatchTimeout.TotalSeconds:0.###} s on this output ({output.Length} characters)"),
        ExtractionLimitException => ex.Message,
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    /// <summary>The exact request for one sample (also used by the benchmark's reference client).</summary>
    public IEnumerable<ModelRequest> CaseRequests()
    {
        for (var i = 0; i < ItemCount; i++)
        {
            yield return BuildRequest(i, 0);
        }
    }

    internal ModelRequest BuildRequest(int index, int repeat)
    {
        var item = dataset.Items[index];
        var temperature = suite.Generation.Temperature ?? Target.Config.Temperature;
        // Repeats get distinct seeds: with sampling on, the same seed would return the same text N times.
        var seed = Target.Config.Seed + repeat;
        return Guard(item, () => prompts.Request(item, prompts.Render(item), temperature, seed));
    }

    public SuiteResult Summarize(IReadOnlyList<ItemRecord> records, string? folder) => AccuracySummary.Summarize(this, suite, records);

    private static string? Excerpt(DatasetItem item)
    {
        if (!item.Fields.TryGetValue("question", out var value) || value is null)
        {
            return null;
        }

        var text = JsonValues.ToText(value);
        return text.Length <= 300 ? text : text[..300];
    }

    /// <summary>A field the prompt loops over must be a list: a string would be listed letter by letter.</summary>
    private static void CheckLoopedFields(AccuracySuite suite, IReadOnlyList<DatasetItem> items, string path)
    {
        var prompt = suite.Prompt;
        var looped = new[] { prompt.Template, prompt.System, prompt.Description, prompt.FewShot?.Target }
            .OfType<ItemTemplate>()
            .SelectMany(t => t.LoopedFields)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var diagnostics = new DiagnosticBag();
        foreach (var item in items)
        {
            foreach (var name in looped)
            {
                if (item.Fields.TryGetValue(name, out var value) && value is string && diagnostics.Items.Count < 20)
                {
                    diagnostics.Add(DiagnosticCodes.DatasetMalformed, $"field '{name}' is a string, but the prompt template loops over it ('for ... in {name}') and would list it letter by letter; give a list, e.g. [\"first\", \"second\"]", path, item.Line, 1);
                }
            }
        }

        diagnostics.ThrowIfAny();
    }

    private T Guard<T>(DatasetItem item, Func<T> render)
    {
        try
        {
            return render();
        }
        catch (TemplateRenderException ex)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.TemplateRender, $"suite '{suite.Name}', item '{item.Id}' (line {item.Line} of the dataset): {ex.Message}", dataset.Path, item.Line, 1));
        }
    }
}
