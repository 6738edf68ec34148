using System.Text.Json.Nodes;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// A mock's result for calls whose arguments hold every key of <see cref="When"/> with an equal value.
/// </summary>
internal sealed record MockCase(JsonObject When, JsonNode? Result, string? Error);
