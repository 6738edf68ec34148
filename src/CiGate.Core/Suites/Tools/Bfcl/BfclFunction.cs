using System.Text.Json;

namespace CiGate.Core.Suites.Tools.Bfcl;

/// <summary>
/// A function description as BFCL's question files hold it: name, parameters by name, required
/// parameter names. <see cref="Json"/> is the description as written (tools are built from it).
/// </summary>
internal sealed record BfclFunction(
    string Name,
    IReadOnlyDictionary<string, BfclParameter> Parameters,
    IReadOnlyList<string> Required,
    string Json)
{
    public static BfclFunction From(JsonElement function)
    {
        var name = function.GetProperty("name").GetString() ?? "";
        var parameters = new Dictionary<string, BfclParameter>(StringComparer.Ordinal);
        var required = new List<string>();
        if (function.TryGetProperty("parameters", out var schema) && schema.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in properties.EnumerateObject())
                {
                    var type = p.Value.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
                    string? items = null;
                    if (p.Value.TryGetProperty("items", out var i) && i.ValueKind == JsonValueKind.Object
                        && i.TryGetProperty("type", out var it))
                    {
                        items = it.GetString();
                    }

                    parameters[p.Name] = new BfclParameter(type, items);
                }
            }

            if (schema.TryGetProperty("required", out var req) && req.ValueKind == JsonValueKind.Array)
            {
                required.AddRange(req.EnumerateArray().Select(r => r.GetString() ?? ""));
            }
        }

        return new BfclFunction(name, parameters, required, function.GetRawText());
    }
}
