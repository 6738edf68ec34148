using CiGate.Core.Targets;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// The function-calling loop: send the messages and tools; when the reply calls functions, run the
/// calls against the mocks, append the calls and their results, and ask again; a text reply ends
/// the user turn, and the next scripted turn follows. <c>max_steps</c> bounds the model requests of
/// the whole conversation. A target that runs its own agent loop (an exec or http app) returns its
/// calls with their results: those are its trajectory, and its text ends the turn.
/// </summary>
internal static class ToolLoop
{
    public static async Task<(Trajectory Trajectory, ModelResponse Last, double LatencyMs, TokenUsage? Usage)> RunAsync(
        ITargetClient client,
        Func<IReadOnlyList<ChatMessage>, ModelRequest> request,
        IReadOnlyList<ChatMessage> opening,
        IReadOnlyList<string> turns,
        MockRuntime mocks,
        int maxSteps,
        CancellationToken ct,
        ToolsMode mode = ToolsMode.FunctionCalling)
    {
        var messages = new List<ChatMessage>(opening);
        var calls = new List<TrajectoryCall>();
        var steps = 0;
        var latency = 0.0;
        TokenUsage? usage = null;
        ModelResponse? last = null;
        var final = "";
        var truncated = false;
        string? modeProblem = null;
        for (var turn = 0; turn < turns.Count && !truncated; turn++)
        {
            messages.Add(new ChatMessage("user", turns[turn]));
            while (true)
            {
                if (steps >= maxSteps)
                {
                    truncated = true;
                    break;
                }

                var response = await client.CompleteAsync(request(messages), ct);
                steps++;
                last = response;
                latency += response.LatencyMs;
                usage = Add(usage, response.Usage);
                if (mode == ToolsMode.Prompt)
                {
                    if (response.ToolCalls.Count > 0)
                    {
                        // No tools were offered through the API: a reply that calls through it is not read as text.
                        modeProblem = $"prompt mode, but the reply called {response.ToolCalls[0].Name} through the "
                            + "tools API; no call was run";
                        final = response.Text;
                        truncated = true;
                        break;
                    }

                    if (await PromptStepAsync(response, turn, steps, messages, calls, mocks, ct))
                    {
                        continue;
                    }

                    final = response.Text;
                    messages.Add(new ChatMessage("assistant", response.Text));
                    break;
                }

                if (response.ToolCalls.Count == 0)
                {
                    final = response.Text;
                    messages.Add(new ChatMessage("assistant", response.Text));
                    break;
                }

                // Ids of our own (consistent in the assistant turn and its results), so the next request,
                // its cache key and the recorded calls do not depend on the ids a server made up.
                var named = response.ToolCalls.Select((c, i) => c with { Id = $"call_{steps}_{i}" }).ToList();
                messages.Add(new ChatMessage("assistant", response.Text) { ToolCalls = named });
                foreach (var call in named)
                {
                    // A call the target ran itself (its own agent loop) comes with its result: kept, not re-run.
                    var result = call.Result is { } ran
                        ? new ToolResult(ran, call.ResultIsError)
                        : await mocks.ExecuteAsync(call, ct);
                    var asked = call with { Result = null, ResultIsError = false };
                    calls.Add(new TrajectoryCall(turn, steps, asked, result));
                    messages.Add(new ChatMessage("tool", result.Content) { ToolCallId = call.Id });
                }

                if (named.All(c => c.Result is not null))
                {
                    // The target reported its whole trajectory for this turn: its text is the turn's answer.
                    final = response.Text;
                    messages.RemoveRange(messages.Count - named.Count - 1, named.Count + 1);
                    messages.Add(new ChatMessage("assistant", response.Text));
                    break;
                }
            }
        }

        var trajectory = new Trajectory(calls, final, mocks.State, steps, truncated && modeProblem is null)
        {
            ModeProblem = modeProblem,
        };
        return (trajectory, last!, latency, usage);
    }

    /// <summary>
    /// Prompt mode: when the reply's text is a list of calls, runs them and sends the results back as a
    /// user message (true: ask again); otherwise the text is the turn's answer (false).
    /// </summary>
    private static async Task<bool> PromptStepAsync(
        ModelResponse response,
        int turn,
        int step,
        List<ChatMessage> messages,
        List<TrajectoryCall> calls,
        MockRuntime mocks,
        CancellationToken ct)
    {
        if (PromptCalls.Parse(response.Text) is not { } parsed)
        {
            return false;
        }

        messages.Add(new ChatMessage("assistant", response.Text));
        var results = new List<(ToolCall, ToolResult)>();
        foreach (var (call, i) in parsed.Select((c, i) => (c, i)))
        {
            var named = call with { Id = $"call_{step}_{i}" };
            var result = await mocks.ExecuteAsync(named, ct);
            calls.Add(new TrajectoryCall(turn, step, named, result));
            results.Add((named, result));
        }

        messages.Add(new ChatMessage("user", PromptCalls.Results(results)));
        return true;
    }

    private static TokenUsage? Add(TokenUsage? a, TokenUsage? b) =>
        a is null ? b
        : b is null ? a
        : new TokenUsage(a.PromptTokens + b.PromptTokens, a.CompletionTokens + b.CompletionTokens);
}
