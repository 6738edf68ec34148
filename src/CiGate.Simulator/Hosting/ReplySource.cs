using System.Text.RegularExpressions;
using CiGate.Simulator.AnswerKeys;
using CiGate.Simulator.Judge;
using CiGate.Simulator.Protocol;
using CiGate.Simulator.Scripts;
using CiGate.Simulator.Text;

namespace CiGate.Simulator.Hosting;

/// <summary>
/// Decides what a completion says, in order: the judge (chat requests carrying the judge marker),
/// then the assertion generator (<see cref="SimulatedGenerator"/>), then script rules, then labelled safety prompts (refuse or comply), then the answer keys, else the fixed "unmatched" reply. The judge goes first so
/// that a broad script rule can never hijack a grading request whose judged output happens to match.
/// </summary>
internal sealed partial class ReplySource(AnswerKeyIndex index, ScriptBook scripts, double flip, double invalidRate, bool judgeAll, SimulatorStats stats, Refusals.RefusalResponder? refusals = null, Tools.BfclKey? bfcl = null, PairwiseJudgeOptions? pairwise = null)
{
    /// <summary>A simulated grader (<see cref="SimulatorOptions.JudgeAll"/>) judges every chat request; any other simulator only marked ones.</summary>
    public bool IsJudge(CompletionRequest request, CompletionKind kind) =>
        kind == CompletionKind.Chat
        && (judgeAll || SimulatedJudge.IsJudgePrompt(request.Prompt) || SimulatedJudge.IsJudgePrompt(request.Instructions));

    /// <summary>The reply text; call only once the request will really be answered (flaky rules count calls).</summary>
    /// <param name="header">The request's header by name: a scripted reply's <c>{{header:NAME}}</c> echoes it, as a hostile or careless server might.</param>
    public string Reply(CompletionRequest request, SimulatorModel model, bool judge, Func<string, string?>? header = null)
    {
        if (judge)
        {
            stats.RecordJudged();
            var text = request.Instructions.Length == 0 ? request.Prompt : request.Instructions + "\n\n" + request.Prompt;
            return SimulatedPairwiseJudge.IsPairwisePrompt(text)
                ? SimulatedPairwiseJudge.Evaluate(text, model.Seed, pairwise)
                : SimulatedJudge.Evaluate(text);
        }

        if (SimulatedGenerator.IsGeneratorPrompt(request.Instructions))
        {
            return SimulatedGenerator.Propose(request.Prompt);
        }

        if (scripts.Reply(request.Prompt, model) is { } scripted)
        {
            stats.RecordScripted();
            return header is null ? scripted : HeaderReference().Replace(scripted, m => header(m.Groups[1].Value) ?? "");
        }

        if (request.AfterToolResult || bfcl?.Find(request.Prompt, request.ToolNames) is not null)
        {
            // BFCL answers are calls (Shape makes them); after a tool result the model sums up.
            return request.AfterToolResult ? ToolResultReply : Tools.BfclAnswerer.NoCallText;
        }

        if (refusals?.Reply(request.Prompt, model.Seed) is { } safety)
        {
            return safety;
        }

        if (index.Find(request.Prompt) is { } entry)
        {
            return ReplyComposer.Compose(entry, model, flip, invalidRate);
        }

        stats.RecordUnmatched();
        return ReplyPhrases.Unmatched;
    }

    /// <summary>
    /// The tool call and reasoning for a chat answer, and its text shaped for <c>response_format</c>. A rule's
    /// <c>tool_call</c> is made only when the request offers tools; its arguments' <c>$last_line</c> is the prompt's.
    /// </summary>
    public (
        string Text,
        SimulatedMessage Message) Shape(CompletionRequest request, SimulatorModel model, bool judge, string text)
    {
        if (judge)
        {
            return (text, SimulatedMessage.Plain);
        }

        var rule = scripts.Find(request.Prompt, model);
        var reasoning = request.WantsReasoning
            ? rule?.Reasoning ?? $"The question asks: {ScriptBook.LastLine(request.Prompt)}"
            : null;
        if (!request.AfterToolResult && bfcl?.Find(request.Prompt, request.ToolNames) is { } item)
        {
            var (calls, answer) = Tools.BfclAnswerer.Answer(item, model, request.ToolNames);
            return (answer, new SimulatedMessage(null, null, reasoning) { Calls = calls });
        }

        if (!request.AfterToolResult && request.ToolNames.Count == 0
            && bfcl?.FindPrompted(request.Prompt, request.Instructions) is { } prompted)
        {
            // Prompt mode: the functions are in the system message, the calls go in the text.
            var (calls, answer) = Tools.BfclAnswerer.Answer(prompted, model, prompted.FunctionNames, apiNames: false);
            return (calls.Count == 0 ? answer : Tools.PythonCalls.Write(calls), SimulatedMessage.Plain);
        }

        if (rule?.ToolCall is { } tool && request.ToolNames.Count > 0 && !request.AfterToolResult)
        {
            var lastLine = System.Text.Json.JsonEncodedText.Encode(ScriptBook.LastLine(request.Prompt)).ToString();
            var arguments = rule.Arguments.Replace(ScriptBook.LastLinePlaceholder, lastLine, StringComparison.Ordinal);
            return ("", new SimulatedMessage(tool, arguments, reasoning));
        }

        if (request.ResponseFormat is "json_object" or "json_schema")
        {
            text = JsonReply.Shape(text, request.JsonSchema);
        }

        return (text, reasoning is null ? SimulatedMessage.Plain : new SimulatedMessage(null, null, reasoning));
    }

    /// <summary>The text answer to a tool result that no script rule answers.</summary>
    public const string ToolResultReply = "Here is what the tools returned.";

    [GeneratedRegex(@"\{\{header:([A-Za-z0-9!#$%&'*+.^_`|~-]+)\}\}")]
    private static partial Regex HeaderReference();
}
