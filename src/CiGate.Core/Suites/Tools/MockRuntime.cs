using System.Text.Json;
using System.Text.Json.Nodes;
using CiGate.Core.Targets;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// The mocks of one conversation: their call counts and the key-value state they read and write.
/// Never touches the network or the disk; a fresh runtime per sample keeps samples independent.
/// </summary>
internal sealed class MockRuntime(IReadOnlyDictionary<string, ToolMock> mocks, JsonObject initialState)
{
    private readonly Dictionary<string, int> calls = new(StringComparer.Ordinal);

    public JsonObject State { get; } = (JsonObject)initialState.DeepClone();

    public ToolResult Execute(ToolCall call)
    {
        if (!mocks.TryGetValue(call.Name, out var mock))
        {
            return Error($"unknown tool '{call.Name}'");
        }

        JsonObject? arguments;
        try
        {
            arguments = string.IsNullOrWhiteSpace(call.Arguments) ? [] : JsonNode.Parse(call.Arguments) as JsonObject;
        }
        catch (JsonException)
        {
            arguments = null;
        }

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
