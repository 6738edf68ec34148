using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// A header's ${env:NAME} secret (in a literal and in a templated header) reaches the app and nothing
/// else: not the console, results, cache or reports.
/// </summary>
public sealed class HttpTargetSecretTests
{
    private const string Token = "app-token-5f0c1e9b7d";

    [Fact]
    public async Task A_secret_header_the_app_echoes_appears_in_no_file_and_no_console_output()
    {
        using var folder = new TempFolder();
        using var app = await AnswerApp.StartAsync(faultRate: 0.1, token: Token);
        var target = """
                headers: { Authorization: "Bearer ${env:APP_TOKEN}", X-Case: "{{ item_id }}:${env:APP_TOKEN}" }
                concurrency: 4
                retries: { max_attempts: 8, initial_delay: 20ms, max_delay: 2s }
            cache: { dir: cache }

            """;
        var config = HttpSuiteConfig.Write(folder, "cigate.yml", app, 30, target);
        var environment = new Dictionary<string, string?> { ["APP_TOKEN"] = Token };

        var first = await CigateProcess.RunWithAsync(folder.Path, environment, "run", config, "--out", folder.File("run"));
        var cached = await CigateProcess.RunWithAsync(folder.Path, environment, "run", config, "--out", folder.File("again"));
        var compare = await CigateProcess.RunWithAsync(
            folder.Path, environment, "compare", "--base", folder.File("run"), "--head", folder.File("again"), "--out", folder.File("cmp"));

        Assert.True(first.ExitCode is 0 or 1, first.ToString());
        Assert.True(cached.ExitCode is 0 or 1, cached.ToString());
        Assert.True(compare.ExitCode is 0 or 1, compare.ToString());
        Assert.All(ResultsFolder.ReadItems(folder.File("run")), i => Assert.Null(i.ErrorKind));
        Assert.True(Directory.EnumerateFiles(folder.File("cache"), "*", SearchOption.AllDirectories).Any(), "the cache was not written");
        Assert.True(Directory.EnumerateFiles(folder.File("cmp"), "*", SearchOption.AllDirectories).Any(), "compare wrote no report");

        // The app echoed the header (in every trace and in its 500s): masked, not dropped, so the check can fail.
        var items = await File.ReadAllTextAsync(Path.Combine(folder.File("run"), "items.jsonl"), TestContext.Current.CancellationToken);
        Assert.Contains("\"auth\\\":\\\"***\\\"", items.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(
            "\"x_case\\\":\\\"c001:***\\\"", items.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        foreach (var output in new[] { first, cached, compare })
        {
            Assert.DoesNotContain(Token, output.Stdout + output.Stderr, StringComparison.Ordinal);
        }

        var files = Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories).ToList();
        Assert.True(files.Count > 8, string.Join(", ", files));
        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
            Assert.False(text.Contains(Token, StringComparison.Ordinal), $"{file} holds the secret");
        }
    }
}
