using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Targets;

/// <summary>
/// A target's secrets, resolved only when its client is built: the key from <c>api_key_env</c> and
/// header values, where <c>${env:NAME}</c> reads NAME from cigate's environment. The config, results,
/// hashes and cache keys keep the unresolved text. Every resolved header value (literal or not) and
/// the key are masked wherever a server or library echoes them back (<see cref="Redact"/>).
/// </summary>
public sealed partial class TargetSecrets
{
    /// <summary>Shorter values are not secrets, and masking them would rewrite ordinary words in model output.</summary>
    public const int MinRedactedLength = 6;

    private readonly string[] values;

    private TargetSecrets(
        string? apiKey,
        IReadOnlyDictionary<string, string> headers,
        JsonObject? extraBody,
        IEnumerable<string> bodySecrets)
    {
        ApiKey = apiKey;
        Headers = headers;
        ExtraBody = extraBody;
        values = [.. headers.Values.Append(apiKey ?? "").Concat(bodySecrets)
            .Where(v => v.Trim().Length >= MinRedactedLength)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length)];
    }

    public string? ApiKey { get; }

    /// <summary>The headers to send, each <c>${env:NAME}</c> replaced by its value.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>
    /// The value of each variable the headers read (an http target's templated header resolves its
    /// references per case); each value is also masked by <see cref="Redact"/>.
    /// </summary>
    internal IReadOnlyDictionary<string, string> HeaderVariables { get; private init; } =
        new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The target's <c>request.extra_body</c> with every <c>${env:NAME}</c> in its string values resolved,
    /// or null when it reads no variable (then the body as written is sent). Only ever sent, never keyed or stored.
    /// </summary>
    public JsonObject? ExtraBody { get; }

    /// <exception cref="CiGateException">A variable named by <c>api_key_env</c> or <c>${env:NAME}</c> is unset or empty (exit 2, at the key's place).</exception>
    public static TargetSecrets Resolve(TargetConfig config) => Resolve(config, Environment.GetEnvironmentVariable);

    public static TargetSecrets Resolve(TargetConfig config, Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(config);
        var diagnostics = new DiagnosticBag();
        string? apiKey = null;
        if (!string.IsNullOrEmpty(config.ApiKeyEnv))
        {
            apiKey = lookup(config.ApiKeyEnv);
            if (string.IsNullOrEmpty(apiKey))
            {
                Missing(diagnostics, config, "api_key_env", $"target '{config.Name}' reads its API key from environment variable '{config.ApiKeyEnv}', which is not set or empty");
            }
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in config.Headers)
        {
            headers[name] = ReferenceRegex().Replace(value, match =>
            {
                var variable = match.Groups[1].Value;
                var resolved = lookup(variable);
                if (string.IsNullOrEmpty(resolved))
                {
                    Missing(diagnostics, config, $"headers.{name}", $"target '{config.Name}' header '{name}' reads environment variable '{variable}', which is not set or empty");
                    return "";
                }

                // A value that would break the header onto a second line is refused like a literal one.
                if (resolved.Contains('\r', StringComparison.Ordinal) || resolved.Contains('\n', StringComparison.Ordinal))
                {
                    Report(diagnostics, DiagnosticCodes.InvalidValue, config, $"headers.{name}", $"target '{config.Name}' header '{name}': environment variable '{variable}' holds a line break");
                    return "";
                }

                variables[variable] = resolved;
                return resolved;
            });
        }

        var bodySecrets = new List<string>();
        var extraBody = ResolveBody(config, lookup, diagnostics, bodySecrets);
        diagnostics.ThrowIfAny();
        return new TargetSecrets(apiKey, headers, extraBody, bodySecrets.Concat(variables.Values))
        {
            HeaderVariables = variables,
        };
    }

    /// <summary>The environment variables a target reads secrets from (its key and every <c>${env:NAME}</c> of its headers).</summary>
    public static IEnumerable<string> VariablesOf(TargetConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!string.IsNullOrEmpty(config.ApiKeyEnv))
        {
            yield return config.ApiKeyEnv;
        }

        foreach (var value in config.Headers.Values.Concat(StringsOf(config.Request.ExtraBody)))
        {
            foreach (Match match in ReferenceRegex().Matches(value))
            {
                yield return match.Groups[1].Value;
            }
        }
    }

    /// <summary>Secrets that are not headers (an exec target's <c>${env:NAME}</c> values).</summary>
    internal static TargetSecrets Of(IEnumerable<string> values) =>
        new(null, values.Select((v, i) => (v, i)).ToDictionary(p => $"value{p.i}", p => p.v, StringComparer.Ordinal),
            extraBody: null,
            bodySecrets: []);

    /// <summary>True when a header value reads the environment.</summary>
    public static bool ReadsEnvironment(string value) => ReferenceRegex().IsMatch(value);

    /// <summary>The first <c>${</c> that does not open a well-formed <c>${env:NAME}</c>, or null.</summary>
    public static string? FindMalformed(string value)
    {
        var stripped = ReferenceRegex().Replace(value, "");
        var at = stripped.IndexOf("${", StringComparison.Ordinal);
        return at < 0 ? null : stripped[at..Math.Min(stripped.Length, at + 12)];
    }

    /// <summary>Masks every secret (longest first, so one that contains another is masked whole).</summary>
    public string Redact(string text)
    {
        foreach (var value in values)
        {
            text = text.Replace(value, "***", StringComparison.Ordinal);
        }

        return text;
    }

    private static void Missing(DiagnosticBag diagnostics, TargetConfig config, string key, string message) =>
        Report(diagnostics, DiagnosticCodes.MissingEnvironmentVariable, config, key, message);

    private static void Report(DiagnosticBag diagnostics, string code, TargetConfig config, string key, string message)
    {
        var place = config.Places.GetValueOrDefault(key);
        diagnostics.Add(code, message, place?.File, place?.Line ?? 0, place?.Column ?? 0);
    }

    [GeneratedRegex(@"\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex ReferenceRegex();
}
