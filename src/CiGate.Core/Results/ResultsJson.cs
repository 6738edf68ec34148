using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Results;

public static class ResultsJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // Verdicts and pairings by name ("fail", "paired"): scripts and other tools read these files.
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    // Reading is strict where writing cannot be wrong: `"suites": null` (or any other null where
    // the schema has a value) is a damaged file with a place, not a crash later on.
    private static readonly JsonSerializerOptions ReadOptions = new(Options) { RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true };

    /// <summary>Writes to a temporary file, then renames, so a reader never sees half a file.</summary>
    public static async Task WriteAsync(string folder, RunResults results, CancellationToken ct)
    {
        var path = Path.Combine(folder, RunResults.FileName);
        var temporary = path + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(stream, results, Options, ct);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static RunResults? TryRead(string folder)
    {
        var path = Path.Combine(folder, RunResults.FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var text = File.ReadAllText(path);
        try
        {
            // The version first: a newer schema may not even deserialize into this one.
            using (var document = JsonDocument.Parse(text))
            {
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("schema_version", out var version)
                    && version.ValueKind == JsonValueKind.Number
                    && (!version.TryGetInt32(out var number) || number > RunResults.CurrentSchemaVersion))
                {
                    throw new CiGateException(new Diagnostic(DiagnosticCodes.ResultsSchemaTooNew, $"results.json was written by a newer cigate (schema_version {version.GetRawText()}; this cigate reads up to {RunResults.CurrentSchemaVersion}); upgrade cigate to read it", path));
                }
            }

            return Deserialize(text, ReadOptions);
        }
        catch (JsonException ex)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.ResultsMalformed, $"results.json is not valid: {ex.Message}", path, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1));
        }
    }

    /// <summary>
    /// A run from results.json text of any schema this cigate reads: schema 1 (<c>perf</c> and
    /// <c>safety</c> on every suite) is upgraded to one <c>details</c> object first. History rows
    /// hold the text as it was recorded, so they come through here too.
    /// </summary>
    public static RunResults Deserialize(string text, JsonSerializerOptions? options = null)
    {
        options ??= Options;
        var node = JsonNode.Parse(text);
        if (node is JsonObject root && SchemaOf(root) < 2)
        {
            UpgradeFromSchema1(root);
            return root.Deserialize<RunResults>(options) ?? throw new JsonException("the file holds null, not a run");
        }

        // Parsed again from the text, so an error names its line and column.
        return JsonSerializer.Deserialize<RunResults>(text, options)
            ?? throw new JsonException("the file holds null, not a run");
    }

    private static int SchemaOf(JsonObject root) =>
        root["schema_version"] is JsonValue value && value.TryGetValue<int>(out var version) ? version : 0;

    private static void UpgradeFromSchema1(JsonObject root)
    {
        // Schema 1 kept a kind's part under a key named after the kind and wrote null under the
        // other kinds' keys, which the reader ignores like any unknown member.
        foreach (var suite in (root["suites"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (suite["kind"] is JsonValue kind && kind.TryGetValue<string>(out var name)
                && suite[name] is JsonObject part)
            {
                suite.Remove(name);
                suite["details"] = part;
            }
        }

        root["schema_version"] = RunResults.CurrentSchemaVersion;
    }
}
