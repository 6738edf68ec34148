using System.Diagnostics;
using System.Text.Json;
using CiGate.Core.Config;
using CiGate.Core.Results;
using CiGate.Core.Running;
using CiGate.Core.Suites.Prompts.Assertions;
using CiGate.Core.Suites.Shared;
using CiGate.Core.Suites.Tools.Bfcl;
using CiGate.Core.Targets;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// A tools suite on one target. A BFCL item is one request whose calls BFCL's AST check scores; a
/// hand-written case is a conversation through <see cref="ToolLoop"/> scored by its trajectory and
/// text assertions. Per sample: <c>pass</c> (0/1) and, for cases, <c>score</c> (weighted).
/// </summary>
internal sealed class ToolsPlan(ToolsSuite suite, TargetDefinition target) : IItemPlan
{
    public const string PassMetric = "pass";
    public const string ScoreMetric = "score";

    private readonly IReadOnlyList<BfclItem> bfcl = suite.Bfcl?.Items() ?? [];
    private readonly System.Text.Json.Nodes.JsonArray?[] bfclTools = new System.Text.Json.Nodes.JsonArray?[
        suite.Bfcl?.Items().Count ?? 0];

    public SuiteDefinition Suite => suite;

    public TargetDefinition Target => target;

    public int ItemCount => suite.Bfcl is null ? suite.Cases.Count : bfcl.Count;

    public int Repeats => suite.Repeats;

    public DatasetInfo? Dataset => null;

    public string? PromptTemplateHash => null;

    public string ItemId(int index) => suite.Bfcl is null ? suite.Cases[index].Id : bfcl[index].Id;

    public void Preview()
    {
        if (ItemCount > 0)
        {
            Request(Opening(0), 0, 0);
        }
    }

    public async Task<ItemRecord> ExecuteAsync(int index, int repeat, TargetClients clients, CancellationToken ct)
    {
        var client = clients.For(target.Name);
        var opening = Opening(index);
        var record = new ItemRecord
        {
            Suite = suite.Name,
            Target = target.Name,
            Item = ItemId(index),
            Repeat = repeat,
            PromptHash = PromptHash.Of(Request(Scripted(opening, index), repeat, index)),
            Group = suite.Bfcl is null ? null : bfcl[index].Category.Name(),
            Question = Question(index),
        };
        var started = Stopwatch.GetTimestamp();
        try
        {
            return suite.Bfcl is null
                ? await CaseAsync(record, index, client, opening, repeat, ct)
                : await BfclAsync(record, index, client, opening, repeat, ct);
        }
        catch (TargetException ex)
        {
            return record.WithFailure(ex, Stopwatch.GetElapsedTime(started));
        }
    }

    public SuiteResult Summarize(IReadOnlyList<ItemRecord> records, string? folder) =>
        ToolsSummary.Summarize(this, suite, records);

    private async Task<ItemRecord> BfclAsync(
        ItemRecord record, int index, ITargetClient client, List<ChatMessage> opening, int repeat, CancellationToken ct)
    {
        var item = bfcl[index];
        var response = await client.CompleteAsync(Request(opening, repeat, index), ct);
        var prompt = suite.Mode == ToolsMode.Prompt;
        var calls = prompt ? PromptCalls.Parse(response.Text) ?? [] : response.ToolCalls;
        var verdict = prompt && response.ToolCalls.Count > 0
            ? BfclVerdict.Fail("prompt_mode:api_call", "Prompt mode, but the reply called through the tools API.")
            : BfclChecker.Check(item.Category, item.Functions, calls, item.Answers, underscoreNames: !prompt);
        // Ids of our own, as in the loop: items do not depend on the ids a server made up.
        response = response with { ToolCalls = [.. calls.Select((c, i) => c with { Id = $"call_1_{i}" })] };

        var extracted = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [PassMetric] = verdict.Valid ? "pass" : $"fail: {verdict.ErrorType}: {verdict.Reason}",
        };
        var scores = new Dictionary<string, double>(StringComparer.Ordinal) { [PassMetric] = verdict.Valid ? 1 : 0 };
        return record.WithResponse(response, extracted, scores) with
        {
            Reference = string.Join("; ", item.Answers.Select(a => $"{a.Function}({a.Parameters.Repr()})")),
        };
    }

    private async Task<ItemRecord> CaseAsync(
        ItemRecord record, int index, ITargetClient client, List<ChatMessage> opening, int repeat, CancellationToken ct)
    {
        var testCase = suite.Cases[index];
        var mocks = new MockRuntime(suite.Mocks, suite.InitialState, suite.Replay, suite.Record);
        var (trajectory, last, latency, usage) = await ToolLoop.RunAsync(
            client, m => Request(m, repeat, index), opening, testCase.Turns, mocks, suite.MaxSteps, ct, suite.Mode);
        var calls = trajectory.Calls.Select(c => c.Call).ToList();
        var results = new List<AssertionResult>(testCase.Expect.Check(trajectory));
        if (trajectory.ModeProblem is { } problem)
        {
            results.Insert(0, new AssertionResult("mode-mixed", null, false, 0, 1, problem, Error: true));
        }

        foreach (var miss in mocks.Misses)
        {
            results.Add(new AssertionResult(
                "replay-miss", null, false, 0, 1,
                $"{miss} is not recorded in {suite.Replay?.Shown}; record it with cigate run --record-tools",
                Error: true));
        }

        if (trajectory.Truncated)
        {
            results.Add(new AssertionResult(
                "max-steps", null, false, 0, 1, $"stopped after {suite.MaxSteps} steps without a final answer"));
        }

        var context = new AssertionContext(
            trajectory.FinalText, new Dictionary<string, object?>(), latency, last.FromCache, usage,
            last.ServedModel ?? target.Config.Model)
        {
            ToolCalls = calls,
            Tools = suite.Tools,
            Question = testCase.Turns[^1],
        };
        foreach (var assertion in testCase.Assertions)
        {
            results.Add(await assertion.EvaluateAsync(context, ct));
        }

        var (pass, score, failure) = AssertionSummary.Combine(results);
        var extracted = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [PassMetric] = pass ? "pass" : failure is null ? "fail" : $"fail: {failure.Type}: {failure.Reason}",
            ["trajectory"] = trajectory.Describe(),
        };
        var scores = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [PassMetric] = pass ? 1 : 0, [ScoreMetric] = score, ["steps"] = trajectory.Steps,
        };
        var response = last with { Text = trajectory.FinalText, Usage = usage, LatencyMs = latency, ToolCalls = calls };
        return record.WithResponse(response, extracted, scores);
    }

    private List<ChatMessage> Opening(int index)
    {
        var messages = new List<ChatMessage>();
        if (suite.Mode == ToolsMode.Prompt)
        {
            // Prompt mode: the tools are in the system message, as text (BFCL's original names and types).
            var functions = suite.Bfcl is null
                ? suite.Tools.Select(t => JsonSerializer.SerializeToElement(t?["function"]))
                : bfcl[index].Functions.Select(f => JsonSerializer.Deserialize<JsonElement>(f.Json));
            var instructions = PromptCalls.Instructions(functions);
            messages.Add(new ChatMessage("system", suite.System is { } s ? $"{s}\n\n{instructions}" : instructions));
        }
        else if (suite.System is { } system)
        {
            messages.Add(new ChatMessage("system", system));
        }

        if (suite.Bfcl is not null)
        {
            messages.AddRange(bfcl[index].Messages.Select(m => new ChatMessage(m.Key, m.Value)));
        }

        return messages;
    }

    /// <summary>The opening plus every scripted user turn: what the prompt hash covers.</summary>
    private List<ChatMessage> Scripted(List<ChatMessage> opening, int index) =>
        suite.Bfcl is null
            ? [.. opening, .. suite.Cases[index].Turns.Select(t => new ChatMessage("user", t))]
            : opening;

    private string Question(int index)
    {
        var text = suite.Bfcl is null
            ? suite.Cases[index].Description ?? string.Join(" / ", suite.Cases[index].Turns)
            : bfcl[index].Messages.LastOrDefault().Value ?? "";
        return text.Length <= 300 ? text : text[..300];
    }

    private ModelRequest Request(IReadOnlyList<ChatMessage> messages, int repeat, int index)
    {
        var tools = suite.Mode == ToolsMode.Prompt ? null
            : suite.Bfcl is null ? suite.Tools
            : bfclTools[index] ??= BfclTools.ToOpenAi(bfcl[index].Functions);
        var surface = new RequestSurface(tools, null, null, null);
        var temperature = suite.Temperature ?? target.Config.Temperature;
        var seed = target.Config.Seed + repeat;
        return new ModelRequest(TargetApi.Chat, [.. messages], null, suite.MaxTokens, [], temperature, seed)
        {
            Surface = surface,
            ItemId = ItemId(index),
        };
    }
}
