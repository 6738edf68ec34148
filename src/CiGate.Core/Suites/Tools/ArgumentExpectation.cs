using System.Text.Json.Nodes;

namespace CiGate.Core.Suites.Tools;

/// <summary>Some call of <see cref="Name"/> had every key of <see cref="Arguments"/> with an equal value.</summary>
internal sealed record ArgumentExpectation(string Name, JsonObject Arguments);
