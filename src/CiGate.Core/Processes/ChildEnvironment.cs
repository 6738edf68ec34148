namespace CiGate.Core.Processes;

/// <summary>
/// The environment a started process (a perf server, an exec target) inherits: cigate's own, less its secrets. Withheld are the
/// variables the config reads secrets from (a target's <c>api_key_env</c> and header
/// <c>${env:NAME}</c>) and every variable whose name has a KEY, TOKEN, SECRET, PASSWORD or
/// CREDENTIALS part (GITHUB_TOKEN, ACTIONS_RUNTIME_TOKEN, OPENAI_API_KEY...). A server that needs one
/// names it in its <c>env:</c> (<c>HF_TOKEN: ${HF_TOKEN}</c>), which is set after this filter.
/// </summary>
internal static class ChildEnvironment
{
    private static readonly string[] SecretParts = ["KEY", "APIKEY", "TOKEN", "SECRET", "SECRETS", "PASSWORD", "PASSWD", "CREDENTIAL", "CREDENTIALS", "PAT"];

    public static bool IsSecretName(string name) =>
        name.Split('_', StringSplitOptions.RemoveEmptyEntries).Any(part => SecretParts.Contains(part.ToUpperInvariant()));

    public static void Withhold(IDictionary<string, string?> environment, IEnumerable<string> secretVariables)
    {
        var named = secretVariables.ToHashSet(StringComparer.Ordinal);
        foreach (var name in environment.Keys.Where(n => named.Contains(n) || IsSecretName(n)).ToList())
        {
            environment.Remove(name);
        }
    }
}
