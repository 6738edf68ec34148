using System.Text;

namespace CiGate.EndToEnd.Tests.Support;

/// <summary>
/// A prompts suite on an exec target running ExecApps/app.py (or once.py): case N asks for the
/// square of N and passes when the answer has it (the app is wrong on purpose when N % 5 == 0).
/// </summary>
internal static class ExecConfig
{
    public static string App(string name) => Path.Combine(AppContext.BaseDirectory, "ExecApps", name);

    /// <param name="targetLines">Extra lines under the target (indented four spaces), such as env: or retries:.</param>
    public static string Write(TempFolder folder, int cases, string appArgs, string targetLines = "",
        string name = "cigate.yml", string script = "app.py")
    {
        var yaml = new StringBuilder();
        yaml.Append("targets:\n  app:\n    type: exec\n");
        yaml.Append($"    command: python3 -u '{App(script)}' {appArgs}\n");
        yaml.Append("    concurrency: 16\n    timeout: 10s\n");
        yaml.Append("    retries: { max_attempts: 6, initial_delay: 20ms, max_delay: 200ms }\n");
        yaml.Append(targetLines);
        yaml.Append("suites:\n  squares:\n    kind: prompts\n");
        yaml.Append("    prompts: [{ id: ask, text: '{{ question }}' }]\n    tests:\n");
        for (var n = 1; n <= cases; n++)
        {
            yaml.Append($"      - {{ vars: {{ question: 'square of {n}' }}, ");
            yaml.Append($"assert: [{{ type: contains, value: 'is {n * n}.' }}] }}\n");
        }

        return folder.Write(name, yaml.ToString());
    }

    /// <summary>Trust for the run: the workflow allows commands (the environment), the config cannot.</summary>
    public static Dictionary<string, string?> Allowed(params (string Name, string? Value)[] more)
    {
        var environment = new Dictionary<string, string?> { ["CIGATE_ALLOW_COMMANDS"] = "1",
            ["CIGATE_TRUSTED_HOSTS"] = null };
        foreach (var (key, value) in more)
        {
            environment[key] = value;
        }

        return environment;
    }
}
