using System.Text.Json;
using System.Text.Json.Nodes;
using CiGate.Core.Targets;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// The mocks of one conversation: their call counts and the key-value state they read and write.
/// Mocks never touch the network or the disk; a fresh runtime per sample keeps samples independent.
/// A live tool (<c>live:</c>) answers from the suite's <paramref name="replay"/> file, or, when
/// <paramref name="record"/> is set (<c>cigate run --record-tools</c>), from its live implementation,
/// adding the answer to the file. A call the file lacks gets an error result and is kept in
/// <see cref="Misses"/>: the sample fails by name instead of the run crashing.
/// </summary>
internal sealed class MockRuntime(
    IReadOnlyDictionary<string, ToolMock> mocks,
    JsonObject initialState,
    ToolReplay? replay = null,
    bool record = false)
{
    private readonly Dictionary<string, int> calls = new(StringComparer.Ordinal);

    public JsonObject State { get; } = (JsonObject)initialState.DeepClone();

    /// <summary>Calls of live tools that the replay file does not hold (<c>name {arguments}</c>), in order.</summary>
    public List<string> Misses { get; } = [];

    public async Task<ToolResult> ExecuteAsync(ToolCall call, CancellationToken ct)
    {
        if (!mocks.TryGetValue(call.Name, out var mock) || mock.Live is not { } url || Arguments(call) is not { } args)
        {
            return Execute(call);
        }

        if (record && replay is not null)
        {
            var live = await LiveToolClient.CallAsync(url, args, ct);
            replay.Record(call.Name, args, live);
            return live;
        }

        if (replay is not null && replay.TryGet(call.Name, args, out var recorded))
        {
            return recorded;
        }

        var miss = $"{call.Name} {ToolReplay.Canonical(args)}";
        Misses.Add(miss);
        return Error($"not recorded: {miss} is not in {replay?.Shown ?? "the replay file"}");
    }

    public ToolResult Execute(ToolCall call)
    {
        if (!mocks.TryGetValue(call.Name, out var mock))
        {
            return Error($"unknown tool '{call.Name}'");
        }

        var arguments = Arguments(call);
        if (arguments is null)
        {
            return Error("the arguments are not a JSON object");
        }

        var count = calls[call.Name] = calls.GetValueOrDefault(call.Name) + 1;
        if (mock.MaxCalls is { } max && count > max)
        {
            return Error($"call limit reached: {call.Name} may be called {max} time(s)");
        }

        if (mock.Error is { } injected)
        {
            return Error(injected);
        }

        foreach (var (key, argument) in mock.Writes)
        {
            State[key] = arguments[argument]?.DeepClone();
        }

        foreach (var @case in mock.Cases)
        {
            if (Matches(arguments, @case.When))
            {
                return @case.Error is { } error ? Error(error) : Ok(@case.Result);
            }
        }

        if (mock.Reads is { } read)
        {
            return Ok(State[read]);
        }

        return Ok(mock.Result ?? new JsonObject { ["ok"] = true });
    }

    private static JsonObject? Arguments(ToolCall call)
    {
        try
        {
            return string.IsNullOrWhiteSpace(call.Arguments) ? [] : JsonNode.Parse(call.Arguments) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Every key of <paramref name="expected"/> is in <paramref name="actual"/> with an equal value.</summary>
    public static bool Matches(JsonObject actual, JsonObject expected) =>
        expected.All(p => actual.TryGetPropertyValue(p.Key, out var value) && JsonNode.DeepEquals(value, p.Value));

    private static ToolResult Ok(JsonNode? result) =>
        new(result is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? (string)v!
            : result?.ToJsonString(Text.PlainJson.Readable) ?? "null", false);

    private static ToolResult Error(string message) =>
        new(new JsonObject { ["error"] = message }.ToJsonString(Text.PlainJson.Readable), true);
}
