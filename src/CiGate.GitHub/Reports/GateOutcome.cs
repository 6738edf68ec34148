using System.Text.Json;
using CiGate.Core.Comparing;
using CiGate.Core.Diagnostics;
using CiGate.Core.Gating;

namespace CiGate.GitHub.Reports;

/// <summary>
/// The part of gate.json publishing needs. Read as a document rather than deserialized into
/// <see cref="GateResult"/>, so a new field there never breaks publishing; a verdict may be
/// written as its number or its name.
/// </summary>
public sealed record GateOutcome(Verdict Overall, IReadOnlyList<SuiteOutcome> Suites, string? HeadFolder)
{
    /// <summary>Why there were no base results (gate.json's no_base), or null when there was a base.</summary>
    public string? NoBase { get; init; }

    /// <summary>With <see cref="NoBase"/>: whether a base was required (the verdict is then inconclusive, else none).</summary>
    public bool BaseRequired { get; init; }

    /// <summary>Same rule as <see cref="GateResult.ExitCode"/>: 0 pass or warn, 1 fail, 3 inconclusive.</summary>
    public int ExitCode => Overall switch
    {
        Verdict.Fail => ExitCodes.GateFailed,
        Verdict.Inconclusive => ExitCodes.Infrastructure,
        _ => ExitCodes.Pass,
    };

    public static GateOutcome Parse(string json, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var suites = new List<SuiteOutcome>();
            if (root.TryGetProperty("suites", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in list.EnumerateArray())
                {
                    var suite = entry.TryGetProperty("suite", out var s) ? s : default;
                    var reasons = entry.TryGetProperty("reasons", out var r) && r.ValueKind == JsonValueKind.Array
                        ? r.EnumerateArray().Select(x => x.GetString() ?? "").ToList()
                        : [];
                    suites.Add(new SuiteOutcome(Text(suite, "suite") ?? "?", Text(suite, "target") ?? "?", ReadVerdict(entry, path), reasons) { ChangedKeys = ChangedKeys(suite) });
                }
            }

            var head = root.TryGetProperty("comparison", out var comparison) && comparison.TryGetProperty("head", out var h) ? Text(h, "folder") : null;
            var noBase = root.TryGetProperty("no_base", out var missing) && missing.ValueKind == JsonValueKind.Object ? missing : default;
            return new GateOutcome(ReadVerdict(root, path, "overall"), suites, head)
            {
                NoBase = Text(noBase, "reason"),
                BaseRequired = noBase.ValueKind == JsonValueKind.Object && noBase.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.True,
            };
        }
        catch (JsonException ex)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.GitHubReportsMissing, $"gate.json is not valid JSON: {ex.Message}", path), ExitCodes.UsageOrConfig);
        }
    }

    private static Verdict ReadVerdict(JsonElement element, string path, string name = "verdict")
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value))
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && Enum.IsDefined((Verdict)number))
            {
                return (Verdict)number;
            }

            if (value.ValueKind == JsonValueKind.String && Enum.TryParse<Verdict>(value.GetString(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                return parsed;
            }
        }

        throw new CiGateException(new Diagnostic(DiagnosticCodes.GitHubReportsMissing, $"gate.json has no valid '{name}' verdict; write it with 'cigate compare'", path), ExitCodes.UsageOrConfig);
    }

    /// <summary>A suite comparison's definition_change: one entry per changed key, or one for the suite when its keys are unknown.</summary>
    private static List<ChangedKey> ChangedKeys(JsonElement suite)
    {
        if (suite.ValueKind != JsonValueKind.Object || !suite.TryGetProperty("definition_change", out var change) || change.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var keys = change.TryGetProperty("keys", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(k => new ChangedKey(Text(k, "text") ?? "?", Text(k, "file"), Line(k))).ToList()
            : [];
        var known = !change.TryGetProperty("keys_known", out var flag) || flag.ValueKind != JsonValueKind.False;
        if (!known || keys.Count == 0)
        {
            keys.Insert(0, new ChangedKey(known ? "the suite definition changed" : DefinitionChange.UnknownKeys, Text(change, "file"), Line(change)));
        }

        return keys;
    }

    private static int? Line(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("line", out var value) && value.TryGetInt32(out var line) ? line : null;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
