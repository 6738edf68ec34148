using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using CiGate.Core.Results;

namespace CiGate.Core.Suites.Shared;

/// <summary>
/// A kind's own part of a suite result (<see cref="SuiteResult.Details"/>): the kind writes its
/// typed summary as JSON and reads it back typed. Results, compare, merge and history carry the
/// JSON without knowing its shape, so a new kind adds no field to them. Each read of the same
/// object is deserialised once.
/// </summary>
/// <typeparam name="T">The kind's summary type.</typeparam>
internal static class SuiteDetails<T>
    where T : class
{
    private static readonly ConditionalWeakTable<JsonObject, T> Read = [];

    /// <summary>
    /// The summary of <paramref name="suite"/> when it is a suite of <paramref name="kind"/> and has one.
    /// </summary>
    public static T? Of(SuiteResult? suite, string kind) =>
        suite is { Details: { } details } && suite.Kind == kind
            ? Read.GetValue(details, node => node.Deserialize<T>(ResultsJson.Options)
                ?? throw new JsonException($"the {kind} details of suite '{suite.Suite}' are null"))
            : null;

    /// <summary>The JSON written to results.json for <paramref name="summary"/>.</summary>
    public static JsonObject Write(T summary)
    {
        var node = JsonSerializer.SerializeToNode(summary, ResultsJson.Options)!.AsObject();
        Read.AddOrUpdate(node, summary);
        return node;
    }
}
