using System.Text.RegularExpressions;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Targets.Exec;

/// <summary>
/// The references an exec target's <c>env</c> values may hold: <c>${env:NAME}</c> reads NAME from
/// cigate's environment (a secret: masked in logs, never stored), <c>${target:NAME.base_url}</c> is
/// the base URL of another target of the config (a simulator's port is chosen at run time).
/// </summary>
internal static partial class ExecReferences
{
    /// <summary>The first <c>${</c> that does not open a well-formed reference, or null.</summary>
    public static string? FindMalformed(string value)
    {
        var stripped = ReferenceRegex().Replace(value, "");
        var at = stripped.IndexOf("${", StringComparison.Ordinal);
        return at < 0 ? null : stripped[at..Math.Min(stripped.Length, at + 12)];
    }

    /// <summary>The target names a value refers to with <c>${target:NAME.base_url}</c>.</summary>
    public static IEnumerable<string> TargetsIn(string value) =>
        ReferenceRegex().Matches(value).Where(m => m.Groups["target"].Success).Select(m => m.Groups["target"].Value);

    /// <summary>The variables a value reads with <c>${env:NAME}</c>.</summary>
    public static IEnumerable<string> VariablesIn(string value) =>
        ReferenceRegex().Matches(value).Where(m => m.Groups["env"].Success).Select(m => m.Groups["env"].Value);

    /// <summary>
    /// Every env value with its references replaced, and the values read from the environment (the
    /// secrets to mask). An unset variable or an unknown target is a config error at the value's place.
    /// </summary>
    /// <exception cref="CiGateException">Exit 2, one line per problem.</exception>
    public static (Dictionary<string, string> Environment, List<string> Secrets) Resolve(
        string target, ExecSpec spec, Func<string, string?> lookup)
    {
        var diagnostics = new DiagnosticBag();
        var secrets = new List<string>();
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in spec.Environment)
        {
            var place = spec.Places.GetValueOrDefault($"env.{name}");
            resolved[name] = ReferenceRegex().Replace(value, match =>
            {
                if (match.Groups["env"].Success)
                {
                    var variable = match.Groups["env"].Value;
                    var secret = lookup(variable);
                    if (string.IsNullOrEmpty(secret))
                    {
                        Report(diagnostics, DiagnosticCodes.MissingEnvironmentVariable, place,
                            $"target '{target}' env '{name}' reads environment variable '{variable}', "
                            + "which is not set or empty");
                        return "";
                    }

                    secrets.Add(secret);
                    return secret;
                }

                var other = match.Groups["target"].Value;
                if (spec.TargetUrls.TryGetValue(other, out var url))
                {
                    return url.AbsoluteUri.TrimEnd('/');
                }

                Report(diagnostics, DiagnosticCodes.UnknownReference, place,
                    $"target '{target}' env '{name}' refers to target '{other}', "
                    + "which is not a defined model or simulator target");
                return "";
            });
        }

        diagnostics.ThrowIfAny();
        return (resolved, secrets);
    }

    private static void Report(DiagnosticBag diagnostics, string code, SourcePlace? place, string message) =>
        diagnostics.Add(code, message, place?.File, place?.Line ?? 0, place?.Column ?? 0);

    [GeneratedRegex(@"\$\{(?:env:(?<env>[A-Za-z_][A-Za-z0-9_]*)|target:(?<target>[^}]+)\.base_url)\}")]
    private static partial Regex ReferenceRegex();
}
