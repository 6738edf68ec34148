using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Results;
using CiGate.Core.Running;
using CiGate.Core.Suites.Prompts.Assertions;
using CiGate.Core.Targets;
using CiGate.Core.Templating;
using CiGate.Core.Text;
using Scriban.Runtime;

namespace CiGate.Core.Suites.Prompts;

/// <summary>
/// A prompt suite on one target: each item is a test case × prompt. A sample renders the prompt
/// with the case's vars, calls the target and runs every assertion. Per sample it records
/// `pass` (0/1), `score` (weighted) and one score per named metric.
/// </summary>
internal sealed class PromptsPlan : ICasePlan
{
    public const string PassMetric = "pass";
    public const string ScoreMetric = "score";

    private readonly PromptsSuite suite;
    private readonly (TestCase Case, SuitePrompt Prompt)[] items;
    private readonly Grading.GraderSet? graders;

    /// <param name="graders">The config's targets that the suite's assertions grade with.</param>
    public PromptsPlan(PromptsSuite suite, TargetDefinition target, IReadOnlyList<TargetDefinition>? graders = null)
    {
        this.suite = suite;
        Target = target;
        items = [.. suite.Tests.SelectMany(t => suite.Prompts.Select(p => (t, p)))];
        AuxiliaryTargets = suite.GraderTargets;
        if (AuxiliaryTargets.Count > 0)
        {
            var known = (graders ?? []).ToDictionary(g => g.Name, StringComparer.Ordinal);
            this.graders = new Grading.GraderSet(known, suite.Grader, suite.JudgePrompt);
        }
    }

    public IReadOnlyList<string> AuxiliaryTargets { get; }

    public SuiteDefinition Suite => suite;

    public TargetDefinition Target { get; }

    public int ItemCount => items.Length;

    public int Repeats => suite.Repeats;

    public DatasetInfo? Dataset => null;

    public string PromptTemplateHash => suite.PromptTemplateHash;

    public IReadOnlyList<CaseInputs> Cases => [.. suite.Tests.Select(t => new CaseInputs(t.Id, t.Inputs, t.Files))];

    public string CaseId(int index) => items[index].Case.Id;

    public (string Shared, IReadOnlyDictionary<string, string> Cases) Split(JsonObject definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var shared = (JsonObject)definition.DeepClone();
        shared.Remove(PromptsSummary.PromptSourcesKey);
        var cases = shared["tests"] as JsonArray ?? [];
        shared.Remove("tests");
        var byId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in cases.OfType<JsonObject>())
        {
            byId.TryAdd(node["id"]?.ToString() ?? "", node.ToJsonString());
        }

        return (shared.ToJsonString(), byId);
    }

    public string ItemId(int index) => suite.Prompts.Count == 1 ? items[index].Case.Id : $"{items[index].Case.Id}@{items[index].Prompt.Id}";

    public void Preview()
    {
        foreach (var (testCase, prompt) in items)
        {
            Request(testCase, prompt, 0);
        }
    }

    public async Task<ItemRecord> ExecuteAsync(int index, int repeat, TargetClients clients, CancellationToken ct)
    {
        var client = clients.For(Target.Name);
        var (testCase, prompt) = items[index];
        var request = Request(testCase, prompt, repeat);
        var record = new ItemRecord
        {
            Suite = suite.Name,
            Target = Target.Name,
            Item = ItemId(index),
            Repeat = repeat,
            PromptHash = Suites.Shared.PromptHash.Of(request),
            Group = suite.Prompts.Count > 1 ? prompt.Id : null,
            Question = Describe(testCase),
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

        var context = new AssertionContext(response.Text, testCase.Vars, response.LatencyMs, response.FromCache, response.Usage, response.ServedModel ?? Target.Config.Model)
        {
            Reasoning = response.Reasoning,
            Refusal = response.Refusal,
            ToolCalls = response.ToolCalls,
            Tools = request.Surface?.Tools,
            Question = request.Messages is { Count: > 0 } m ? m[^1].Content : request.Prompt ?? "",
            Graders = graders?.Bind(clients),
        };
        var results = new List<AssertionResult>(testCase.Assertions.Count);
        try
        {
            foreach (var assertion in testCase.Assertions)
            {
                results.Add(await assertion.EvaluateAsync(context, ct));
            }
        }
        catch (TargetException ex)
        {
            // The grader failed for good: the sample is unfinished, not failed, and --resume runs it again.
            return record.WithFailure(new TargetException(ex.Kind, $"grader: {ex.Message}", ex.StatusCode, ex.Attempts, ex), Stopwatch.GetElapsedTime(started));
        }

        var (pass, score, failure) = AssertionSummary.Combine(results, testCase.Threshold);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal) { [PassMetric] = pass ? 1 : 0, [ScoreMetric] = score };
        foreach (var metric in results.Where(r => r.Metric is not null).GroupBy(r => r.Metric!))
        {
            scores[metric.Key] = metric.Average(r => r.Score);
        }

        var extracted = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [PassMetric] = pass ? "pass" : failure is null ? "fail" : $"fail: {failure.Type}: {failure.Reason}",
        };
        if (results.FirstOrDefault(r => r.Error) is { } error)
        {
            extracted["assertion_error"] = $"{error.Type}: {error.Reason}";
        }

        // A critical assertion fails the gate even when a threshold lets the case pass; a critical case, on any failure.
        if ((results.FirstOrDefault(r => r.Critical && !r.Pass) ?? (testCase.Critical && !pass ? failure : null)) is { } critical)
        {
            extracted[Comparing.CaseResult.CriticalKey] = $"{critical.Type}: {critical.Reason}";
        }

        // The grader's verdict on each model-graded assertion, in order, for `grader_labels:` at compare time.
        var graded = results.Where(r => Assertions.AssertionCatalog.ModelGraded.Contains(
            r.Type.StartsWith("not-", StringComparison.Ordinal) ? r.Type[4..] : r.Type)).ToList();
        if (graded.Count > 0)
        {
            extracted[Comparing.GraderAgreement.VerdictsKey] = Comparing.GraderAgreement.Format(graded.Select(
                r => r.Error ? (bool?)null : r.Pass));
        }

        // Results alone must tell compare and gate that this case never gates (see TestCase.Unreviewed).
        if (testCase.Unreviewed)
        {
            extracted[Comparing.CaseResult.UnreviewedKey] = "true";
        }

        return record.WithResponse(response, extracted, scores);
    }

    public SuiteResult Summarize(IReadOnlyList<ItemRecord> records, string? folder) => PromptsSummary.Summarize(this, suite, records);

    public IEnumerable<ModelRequest> CaseRequests() =>
        suite.Tests.SelectMany(testCase => suite.Prompts.Select(prompt => Request(testCase, prompt, 0)));

    internal ModelRequest Request(TestCase testCase, SuitePrompt prompt, int repeat)
    {
        var model = new ScriptObject();
        foreach (var (name, value) in testCase.Vars)
        {
            model.SetValue(name, value, readOnly: false);
        }

        var messages = new List<ChatMessage>(prompt.Messages.Count);
        foreach (var message in prompt.Messages)
        {
            try
            {
                messages.Add(new ChatMessage(message.Role, message.Content.Render(model)));
            }
            catch (TemplateRenderException ex)
            {
                throw new CiGateException(new Diagnostic(DiagnosticCodes.TemplateRender, $"suite '{suite.Name}', test '{testCase.Id}': {ex.Message}", prompt.Origin));
            }
        }

        var surface = (suite.Request ?? RequestSurface.Empty).Overlay(testCase.Request);
        var temperature = suite.Temperature ?? Target.Config.Temperature;
        var seed = Target.Config.Seed + repeat;
        if (Target.Config.Api == TargetApi.Completions)
        {
            var text = new StringBuilder();
            foreach (var message in messages)
            {
                text.Append(message.Content).Append("\n\n");
            }

            return new ModelRequest(TargetApi.Completions, null, text.ToString().TrimEnd(), suite.MaxTokens, suite.Stop, temperature, seed)
            {
                Vars = testCase.Vars, ItemId = testCase.Id, Surface = surface.IsEmpty ? null : surface,
            };
        }

        return new ModelRequest(TargetApi.Chat, messages, null, suite.MaxTokens, suite.Stop, temperature, seed)
        {
            Vars = testCase.Vars, ItemId = testCase.Id, Surface = surface.IsEmpty ? null : surface,
        };
    }

    private static string Describe(TestCase testCase)
    {
        var text = $"{testCase.Description ?? testCase.Id} {PlainJson.Compact(testCase.Vars)}";
        return text.Length <= 300 ? text : text[..300];
    }
}
