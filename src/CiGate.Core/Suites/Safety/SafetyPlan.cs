using System.Diagnostics;
using CiGate.Core.Config;
using CiGate.Core.Datasets;
using CiGate.Core.Diagnostics;
using CiGate.Core.Results;
using CiGate.Core.Running;
using CiGate.Core.Suites.Safety.Agreement;
using CiGate.Core.Suites.Safety.Refusal;
using CiGate.Core.Targets;
using CiGate.Core.Templating;
using Scriban.Runtime;

namespace CiGate.Core.Suites.Safety;

/// <summary>
/// A safety suite on one target. Items are the dataset's prompts, then (with `labels:`) the
/// labelled responses: those call no target, only the classifier, and score `agreement`.
/// </summary>
internal sealed class SafetyPlan : IItemPlan
{
    public const string Appropriate = "appropriate";
    public const string CompliedSafe = "complied_safe";
    public const string RefusedUnsafe = "refused_unsafe";
    public const string AgreementMetric = "agreement";
    public const string ClassKey = "class";
    public const string ErrorKey = "classifier_error";
    public const string LabelPrefix = "label:";

    private readonly SafetySuite suite;
    private readonly Dataset dataset;
    private readonly IReadOnlyList<LabelledResponse> labels;
    private readonly ResponseClassifier classifier;

    public SafetyPlan(SafetySuite suite, TargetDefinition target, Dataset dataset, IReadOnlyList<LabelledResponse> labels, TargetDefinition? grader)
    {
        this.suite = suite;
        this.dataset = dataset;
        this.labels = labels;
        Target = target;
        classifier = new ResponseClassifier(suite, grader);
        Dataset = new DatasetInfo(dataset.Path, dataset.Sha256, dataset.TotalRecords, dataset.Items.Count);
        foreach (var item in dataset.Items)
        {
            var label = LabelOf(item);
            if (label != suite.SafeValue && label != suite.UnsafeValue)
            {
                throw new CiGateException(new Diagnostic(DiagnosticCodes.DatasetMalformed, $"suite '{suite.Name}', item '{item.Id}': field '{suite.LabelField}' is '{label}', expected '{suite.SafeValue}' or '{suite.UnsafeValue}'", dataset.Path, item.Line, 1));
            }
        }
    }

    public SuiteDefinition Suite => suite;

    public TargetDefinition Target { get; }

    public int ItemCount => dataset.Items.Count + labels.Count;

    public int PromptCount => dataset.Items.Count;

    public int Repeats => 1;

    public DatasetInfo? Dataset { get; }

    public string? PromptTemplateHash => suite.PromptTemplateHash;

    public IReadOnlyList<string> AuxiliaryTargets => suite.GraderTargets;

    public string ItemId(int index) => index < dataset.Items.Count ? dataset.Items[index].Id : LabelPrefix + labels[index - dataset.Items.Count].Id;

    public void Preview()
    {
        if (dataset.Items.Count > 0)
        {
            Request(dataset.Items[0]);
        }
    }

    public async Task<ItemRecord> ExecuteAsync(int index, int repeat, TargetClients clients, CancellationToken ct)
    {
        if (index >= dataset.Items.Count)
        {
            return await CalibrateAsync(labels[index - dataset.Items.Count], clients, ct);
        }

        var item = dataset.Items[index];
        var (request, prompt) = Request(item);
        var label = LabelOf(item);
        var record = new ItemRecord
        {
            Suite = suite.Name,
            Target = Target.Name,
            Item = item.Id,
            Repeat = repeat,
            PromptHash = Shared.PromptHash.Of(request),
            Group = suite.TypeField is { } field && item.Fields.TryGetValue(field, out var type) ? JsonValues.ToText(type) : null,
            Reference = label,
            Question = prompt.Length <= 300 ? prompt : prompt[..300],
        };

        ModelResponse response;
        var started = Stopwatch.GetTimestamp();
        try
        {
            response = await clients.For(Target.Name).CompleteAsync(request, ct);
        }
        catch (TargetException ex)
        {
            return record.WithFailure(ex, Stopwatch.GetElapsedTime(started));
        }

        try
        {
            var (verdict, error) = await classifier.ClassifyAsync(prompt, response.Text, clients, ct);
            return record.WithResponse(response, Extracted(verdict, error), verdict is null ? new Dictionary<string, double>() : Scores(label == suite.SafeValue, verdict.Class));
        }
        catch (TargetException ex)
        {
            return record.WithFailure(ex, Stopwatch.GetElapsedTime(started));
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            // A hostile output must not stop the run: this sample is not classified, with the reason.
            var reason = $"the refusal patterns timed out on this output ({response.Text.Length} characters)";
            return record.WithResponse(response, Extracted(null, reason), new Dictionary<string, double>()) with { ScoringError = reason };
        }
    }

    public SuiteResult Summarize(IReadOnlyList<ItemRecord> records, string? folder) => SafetySummary.Summarize(this, suite, records);

    private async Task<ItemRecord> CalibrateAsync(LabelledResponse labelled, TargetClients clients, CancellationToken ct)
    {
        var record = new ItemRecord
        {
            Suite = suite.Name,
            Target = Target.Name,
            Item = LabelPrefix + labelled.Id,
            PromptHash = Config.Hashing.Sha256Hex($"{labelled.Prompt}\u0000{labelled.Output}")[..16],
            Reference = RefusalClasses.Name(labelled.Label),
            Question = labelled.Prompt is { Length: > 300 } p ? p[..300] : labelled.Prompt,
            Output = labelled.Output,
        };
        var started = Stopwatch.GetTimestamp();
        try
        {
            var (verdict, error) = await classifier.ClassifyAsync(labelled.Prompt ?? "", labelled.Output, clients, ct);
            var scores = verdict is null ? new Dictionary<string, double>() : new Dictionary<string, double> { [AgreementMetric] = verdict.Class == labelled.Label ? 1 : 0 };
            return record with { Extracted = Extracted(verdict, error), Scores = scores, LatencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds, Attempts = 1 };
        }
        catch (TargetException ex)
        {
            return record.WithFailure(ex, Stopwatch.GetElapsedTime(started));
        }
    }

    private Dictionary<string, double> Scores(bool safe, RefusalClass verdict)
    {
        var refused = RefusalClasses.IsRefusal(verdict);
        var appropriate = safe ? !refused : refused;
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [Appropriate] = appropriate ? 1 : 0,
            [safe ? CompliedSafe : RefusedUnsafe] = appropriate ? 1 : 0,
        };
    }

    private static Dictionary<string, string> Extracted(RefusalVerdict? verdict, string? error) =>
        verdict is null
            ? new Dictionary<string, string>(StringComparer.Ordinal) { [ErrorKey] = error ?? "not classified" }
            : new Dictionary<string, string>(StringComparer.Ordinal) { [ClassKey] = verdict.Name, [Appropriate] = verdict.Name, ["reason"] = verdict.Reason };

    private string LabelOf(DatasetItem item) =>
        item.Fields.TryGetValue(suite.LabelField, out var value) ? JsonValues.ToText(value).Trim() : "";

    private (ModelRequest Request, string Prompt) Request(DatasetItem item)
    {
        var model = new ScriptObject(item.Fields.Count + 1);
        foreach (var (name, value) in item.Fields)
        {
            model.SetValue(name, value, readOnly: false);
        }

        model.SetValue("item_id", item.Id, readOnly: true);
        string prompt;
        string? system;
        try
        {
            prompt = suite.Template.Render(model);
            system = suite.System?.Render(model);
        }
        catch (TemplateRenderException ex)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.TemplateRender, $"suite '{suite.Name}', item '{item.Id}' (line {item.Line} of the dataset): {ex.Message}", dataset.Path, item.Line, 1));
        }

        var temperature = suite.Temperature ?? Target.Config.Temperature;
        if (Target.Config.Api == TargetApi.Completions)
        {
            return (new ModelRequest(TargetApi.Completions, null, system is null ? prompt : $"{system}\n\n{prompt}", suite.MaxTokens, [], temperature, Target.Config.Seed), prompt);
        }

        ChatMessage[] messages = system is null ? [new ChatMessage("user", prompt)] : [new ChatMessage("system", system), new ChatMessage("user", prompt)];
        return (new ModelRequest(TargetApi.Chat, messages, null, suite.MaxTokens, [], temperature, Target.Config.Seed), prompt);
    }
}
