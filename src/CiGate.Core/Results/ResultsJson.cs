using System.Text.Encodings.Web;
using System.Text.Json;
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

            return JsonSerializer.Deserialize<RunResults>(text, ReadOptions) ?? throw new JsonException("the file holds null, not a run");
        }
        catch (JsonException ex)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.ResultsMalformed, $"results.json is not valid: {ex.Message}", path, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1));
        }
    }
}
