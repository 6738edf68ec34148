using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CiGate.Core.Diagnostics;

namespace CiGate.Cli.Output;

/// <summary>
/// `--json` on run, compare and validate: stdout carries one JSON document for scripts (results.json,
/// gate.json, or what validate found) instead of the text summary; errors become
/// {"ok": false, "exit_code": N, "diagnostics": [...]} on stdout as well as the usual lines on stderr.
/// </summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Option<bool> Option() => new("--json") { Description = "Print one JSON document on stdout instead of the text summary (for scripts)" };

    /// <summary>Whether the command line asked a command that has --json for it.</summary>
    public static bool Requested(ParseResult parsed) =>
        parsed.CommandResult.Command.Options.Any(o => o.Name == "--json") && parsed.Tokens.Any(t => t.Value == "--json");

    public static Task WriteAsync(TextWriter stdout, JsonNode node) => stdout.WriteLineAsync(node.ToJsonString(Indented));

    public static async Task WriteFileAsync(TextWriter stdout, string path, CancellationToken ct) =>
        await stdout.WriteLineAsync((await File.ReadAllTextAsync(path, ct)).TrimEnd());

    public static Task WriteErrorsAsync(TextWriter stdout, IReadOnlyList<Diagnostic> diagnostics, int exitCode) =>
        WriteAsync(stdout, new JsonObject
        {
            ["ok"] = false,
            ["exit_code"] = exitCode,
            ["diagnostics"] = new JsonArray([.. diagnostics.Select(d => (JsonNode)new JsonObject
            {
                ["code"] = d.Code,
                ["message"] = d.Message,
                ["file"] = d.File,
                ["line"] = d.Line == 0 ? null : d.Line,
                ["column"] = d.Column == 0 ? null : d.Column,
            })]),
        });
}
