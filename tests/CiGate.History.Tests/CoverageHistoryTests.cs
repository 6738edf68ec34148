using CiGate.History.Tests.Support;

namespace CiGate.History.Tests;

/// <summary>
/// `cigate coverage --record` writes coverage measurements (schema version 4) and `history trend --coverage` reads
/// them back, on SQLite and on the real PostgreSQL the other history tests start.
/// </summary>
public sealed class CoverageHistoryTests(PostgresServer postgres) : IDisposable
{
    private const string Config = """
        targets:
          sim: { model: bot, simulator: {} }
        suites:
          travel:
            kind: prompts
            prompts: [ { id: p, text: "{{ q }}" } ]
            tests:
              - { description: france, vars: { q: "What is the capital of France?" }, assert: [ { type: icontains, value: Paris } ] }
        """;

    private const string RefundCase = """

              - { description: refund, vars: { q: "Refund order 7 please, mail [email] or call [phone]" } }
        """;

    private readonly StoreFactory stores = new(postgres);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Coverage_measurements_are_recorded_once_and_trend_as_cases_are_added(string backend)
    {
        // arrange: refunds are uncovered, then a refund case is added
        var ct = TestContext.Current.CancellationToken;
        const string Variable = "CIGATE_TEST_COVERAGE_PG";
        var store = backend == "sqlite"
            ? new[] { "--history-db", stores.SqlitePath }
            : ["--history-postgres-env", Variable];
        if (backend == "postgres")
        {
            Environment.SetEnvironmentVariable(Variable, await stores.PostgresConnectionAsync(ct));
        }

        var traffic = Path.Combine(stores.Folder, "traffic.jsonl");
        await File.WriteAllTextAsync(traffic, string.Join('\n', Enumerable.Range(0, 40).Select(i => i % 2 == 0
            ? """{"prompt": "What is the capital of France?"}"""
            : $$"""{"prompt": "Refund order {{i}} please, mail bob{{i}}@example.com or call +1 (415) 555-01{{i:00}}", "feedback": -1}""")) + "\n", ct);
        var before = Path.Combine(stores.Folder, "before.yml");
        var after = Path.Combine(stores.Folder, "after.yml");
        await File.WriteAllTextAsync(before, Config, ct);
        await File.WriteAllTextAsync(after, Config + RefundCase, ct);

        try
        {
            // act
            var first = await CigateCli.RunAsync(["coverage", "--traffic", traffic, "--config", before, "--record",
                "--commit", "1111aaaa", "--branch", "main", .. store]);
            var again = await CigateCli.RunAsync(["coverage", "--traffic", traffic, "--config", before, "--record",
                "--commit", "1111aaaa", "--branch", "main", .. store]);
            var second = await CigateCli.RunAsync(["coverage", "--traffic", traffic, "--config", after, "--record",
                "--commit", "2222bbbb", "--branch", "main", .. store]);
            var trend = await CigateCli.RunAsync(["history", "trend", "--coverage", "--metric", "coverage",
                "--branch", "main", .. Plain(store)]);
            var negative = await CigateCli.RunAsync(["history", "trend", "--coverage", "--metric",
                "uncovered_negative_share", .. Plain(store)]);
            var clusters = await CigateCli.RunAsync(["history", "trend", "--coverage", "--metric",
                "clusters", "--format", "md", .. Plain(store)]);
            var bad = await CigateCli.RunAsync(["history", "trend", "--coverage", "--metric", "accuracy",
                .. Plain(store)]);

            // assert
            Assert.True(first.ExitCode == 0, first.Stderr);
            Assert.Contains(" recorded in ", first.Stderr, StringComparison.Ordinal);
            Assert.Contains("already recorded (nothing changed)", again.Stderr, StringComparison.Ordinal);
            Assert.True(second.ExitCode == 0, second.Stderr);
            Assert.True(trend.ExitCode == 0, trend.Stderr);
            var rows = trend.Stdout.Split('\n')
                .Where(l => l.StartsWith("  ", StringComparison.Ordinal) && l.EndsWith("offline", StringComparison.Ordinal))
                .ToList();
            Assert.Equal(2, rows.Count);
            Assert.Contains("1111aaa", rows[0], StringComparison.Ordinal);
            Assert.Contains(" 0.5000 ", rows[0], StringComparison.Ordinal);
            Assert.Contains(" 1.0000 ", rows[1], StringComparison.Ordinal);
            Assert.DoesNotContain("break", trend.Stdout, StringComparison.Ordinal);
            Assert.Contains(" 1.0000 ", negative.Stdout, StringComparison.Ordinal);
            Assert.Contains(" 0.0000 ", negative.Stdout, StringComparison.Ordinal);
            Assert.True(clusters.ExitCode == 0 && clusters.Stdout.Contains("```mermaid", StringComparison.Ordinal),
                clusters.Stderr);
            Assert.NotEqual(0, bad.ExitCode);
            Assert.Contains("coverage has no metric 'accuracy'", bad.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("example.com", trend.Stdout + negative.Stdout + clusters.Stdout,
                StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    public void Dispose() => stores.Dispose();

    /// <summary>The history commands name the store options without the history- prefix.</summary>
    private static string[] Plain(string[] store) => [store[0].Replace("--history-", "--", StringComparison.Ordinal), store[1]];
}
