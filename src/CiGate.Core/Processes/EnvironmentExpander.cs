using System.Text.RegularExpressions;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Processes;

/// <summary>
/// `${NAME}` in a server's env values, read from cigate's own environment, so a token never sits
/// in the config. Nothing else is expanded (no defaults, no commands): the shell does the rest.
/// </summary>
internal static partial class EnvironmentExpander
{
    public static bool IsName(string name) => NameRegex().IsMatch(name);

    /// <summary>The first `${` that does not open a well-formed reference, or null.</summary>
    public static string? FindMalformed(string value)
    {
        var stripped = ReferenceRegex().Replace(value, "");
        var at = stripped.IndexOf("${", StringComparison.Ordinal);
        return at < 0 ? null : stripped[at..Math.Min(stripped.Length, at + 12)];
    }

    /// <summary>Expands every reference; a variable that is unset or empty is a config error (exit 2, at the value's place), named but never shown.</summary>
    public static Dictionary<string, string> Expand(IReadOnlyDictionary<string, string> environment, IReadOnlyDictionary<string, SourcePlace> places, Func<string, string?> lookup)
    {
        var expanded = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in environment)
        {
            expanded[name] = ReferenceRegex().Replace(value, match =>
            {
                var variable = match.Groups[1].Value;
                var resolved = lookup(variable);
                if (!string.IsNullOrEmpty(resolved))
                {
                    return resolved;
                }

                var message = $"server env '{name}' reads environment variable '{variable}', which is not set or empty";
                throw new CiGateException(places.TryGetValue(name, out var place)
                    ? place.Diagnostic(DiagnosticCodes.MissingEnvironmentVariable, message)
                    : new Diagnostic(DiagnosticCodes.MissingEnvironmentVariable, message));
            });
        }

        return expanded;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NameRegex();

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex ReferenceRegex();
}
