using System.Text;
using System.Text.Json;
using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// A prompts suite with tools and response_format against the simulator, through the real cigate
/// process: a run with 10% injected faults and a run killed with SIGKILL and resumed both end with
/// the clean run's scores; secrets given by ${env:...} in a header and in extra_body appear in no output.
/// </summary>
public sealed class RequestSurfaceRunTests
{
    private const int Cases = 400;

    private const string Tools = """
        [{"type":"function","function":{"name":"get_weather","description":"Current weather for a city",
          "parameters":{"type":"object","required":["city"],"properties":{"city":{"type":"string"}},"additionalProperties":false}}}]
        """;

    private const string Script = """
        - match: "key check"
          reply: "The gateway key is {{header:X-Gateway-Key}}."
        - match: "weather in"
          tool_call: get_weather
          arguments: '{"city": "$last_line"}'
          reply: "I would need a weather tool."
          reasoning: "The user wants the weather; call the tool."
        - match: "describe"
          reply: "A calm and sunny place."
        """;

    private static readonly string[] Cities = ["Oslo", "Rome", "Lima", "Kyiv", "Pune"];

    [Fact]
    public async Task Faults_and_a_kill_end_with_the_clean_scores_and_no_secret_leaks()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var gatewayKey = "gw-" + Guid.NewGuid().ToString("N");
        var tenantKey = "tenant-" + Guid.NewGuid().ToString("N");
        var environment = new Dictionary<string, string?> { ["CIGATE_E2E_GATEWAY_KEY"] = gatewayKey, ["CIGATE_E2E_TENANT_KEY"] = tenantKey };
        folder.Write("tools.json", Tools);
        folder.Write("script.yaml", Script);
        var clean = folder.Write("clean.yml", Config(""));
        var faulty = folder.Write("faulty.yml", Config(", faults: { rate: 0.1 }"));
        var cached = folder.Write("cached.yml", Config("") + "cache: { dir: cache }\n");

        var runs = await Task.WhenAll(
            CigateProcess.RunWithAsync(folder.Path, environment, "run", clean, "--out", folder.File("clean")),
            CigateProcess.RunWithAsync(folder.Path, environment, "run", faulty, "--out", folder.File("faulty")));
        int linesAtKill;
        var killedItems = Path.Combine(folder.File("killed"), "items.jsonl");
        using (var victim = CigateProcess.StartWith(
            folder.Path,
            environment,
            "run",
            clean,
            "--out",
            folder.File("killed"),
            "--quiet"))
        {
            await WaitForLinesAsync(victim, killedItems, 60);
            victim.Kill();
            linesAtKill = ResultsFolder.CountLines(killedItems);
        }

        var resumed = await CigateProcess.RunWithAsync(
            folder.Path,
            environment,
            "run",
            clean,
            "--out",
            folder.File("killed"),
            "--resume");
        var cachedRun = await CigateProcess.RunWithAsync(
            folder.Path,
            environment,
            "run",
            cached,
            "--out",
            folder.File("cached"));
        var fromCache = await CigateProcess.RunWithAsync(
            folder.Path,
            environment,
            "run",
            cached,
            "--out",
            folder.File("cached-again"));
        var compare = await CigateProcess.RunWithAsync(
            folder.Path,
            environment,
            "compare",
            "--base",
            folder.File("clean"),
            "--head",
            folder.File("cached-again"),
            "--out",
            folder.File("cmp"));

        ProcessResult[] all = [.. runs, resumed, cachedRun, fromCache, compare];
        Assert.All(all, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.InRange(linesAtKill, 60, Cases - 1);
        var expected = ResultsFolder.ReadItems(folder.File("clean")).ToDictionary(i => i.Key);
        Assert.Equal(Cases, expected.Count);
        foreach (var name in new[] { "faulty", "killed", "cached-again" })
        {
            var actual = ResultsFolder.ReadItems(folder.File(name)).ToDictionary(i => i.Key);
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            Assert.All(expected, e => Assert.Equal(e.Value.Answer, actual[e.Key].Answer));
            Assert.Equal(Metrics("clean"), Metrics(name));
        }

        // The faults really happened, the scores are not all alike, and the call parts were recorded.
        Assert.Contains(ResultsFolder.ReadItems(folder.File("faulty")), i => i.Attempts > 1);
        var scores = ResultsFolder.Scores(folder.File("clean"), "pass");
        Assert.Contains(scores.Values, s => s == 0);
        Assert.Contains(scores.Values, s => s == 1);
        var lines = File.ReadAllLines(Path.Combine(folder.File("clean"), "items.jsonl"));
        Assert.Equal((Cases / 2) - 1, lines.Count(l => l.Contains("\"tool_calls\":[{", StringComparison.Ordinal)));
        Assert.All(lines, l => Assert.Contains("\"reasoning\":", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("The gateway key is ***.", StringComparison.Ordinal));
        Assert.True(
            Directory.EnumerateFiles(folder.File("cache"), "*", SearchOption.AllDirectories).Any(),
            "the cache was written");

        foreach (var secret in new[] { gatewayKey, tenantKey })
        {
            Assert.All(all, r => Assert.DoesNotContain(secret, r.Stdout + r.Stderr, StringComparison.Ordinal));
            foreach (var file in Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories))
            {
                var bytes = await File.ReadAllBytesAsync(file, ct);
                Assert.False(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0, $"{file} holds a secret");
            }
        }

        string Metrics(string run) => ResultsFolder.OnlySuite(ResultsFolder.ReadResults(folder.File(run))).GetProperty("metrics").GetRawText();
    }

    private static string Config(string simulatorExtra)
    {
        var tests = new StringBuilder();
        for (var i = 0; i < Cases; i++)
        {
            var city = Cities[i % Cities.Length];
            if (i == 0)
            {
                tests.Append("      - { vars: { q: \"key check\" }, assert: [ { type: contains, value: gateway } ] }\n");
            }
            else if (i % 2 == 0)
            {
                // Every third weather case expects another city: a failing case whose score must not move either.
                var expected = i % 3 == 0 ? Cities[(i + 1) % Cities.Length] : city;
                tests.Append(CultureInvariant($"      - vars: {{ q: \"What is the weather in\\n{city}\", n: {i} }}\n"));
                tests.Append("        assert:\n          - type: is-valid-openai-tools-call\n");
                tests.Append($"          - {{ type: tool-call, value: {{ name: get_weather, arguments: {{ city: {expected} }} }} }}\n");
                tests.Append("          - { type: icontains, value: tool, on: reasoning }\n");
            }
            else
            {
                tests.Append(CultureInvariant($"      - vars: {{ q: \"describe {city}\", n: {i} }}\n"));
                tests.Append("        request: { response_format: { type: json_schema, json_schema: { name: d, schema: { type: object, properties: { text: { type: string } } } } } }\n");
                tests.Append("        assert:\n          - type: is-json\n");
                tests.Append($"          - {{ type: json-path, value: {{ path: $.text, equals: {(i % 5 == 1 ? "\"A calm and sunny place.\"" : "\"Something else\"")} }} }}\n");
            }
        }

        return $$$"""
            version: 1
            targets:
              sim:
                model: weather-bot
                simulator: { scripts: [script.yaml], ttft: 40ms, itl: 1ms{{{simulatorExtra}}} }
                concurrency: 8
                timeout: 2s
                retries: { max_attempts: 8, initial_delay: 50ms, max_delay: 500ms }
                headers: { X-Gateway-Key: "${env:CIGATE_E2E_GATEWAY_KEY}" }
                request:
                  extra_body: { metadata: { tenant: "${env:CIGATE_E2E_TENANT_KEY}" }, chat_template_kwargs: { enable_thinking: true } }
            suites:
              weather:
                kind: prompts
                prompts: [ { id: ask, text: "{{ q }}" } ]
                request: { tools: file://tools.json, tool_choice: auto }
                tests:
            {{{tests}}}
            """;
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    private static async Task WaitForLinesAsync(CigateProcess process, string path, int lines)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (ResultsFolder.CountLines(path) < lines)
        {
            Assert.False(process.HasExited, $"the run ended before it wrote {lines} items: {process.Snapshot(-1)}");
            Assert.True(
                DateTime.UtcNow < deadline,
                $"the run wrote fewer than {lines} items in 60 s: {process.Snapshot(-1)}");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
