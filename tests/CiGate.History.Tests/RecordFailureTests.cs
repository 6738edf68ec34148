using CiGate.History.Tests.Support;
using Npgsql;

namespace CiGate.History.Tests;

/// <summary>Issue 24 item 9: PostgreSQL dropped in the middle of recording is a code and exit 2, and nothing half-recorded.</summary>
public sealed class RecordFailureTests(PostgresServer postgres) : IDisposable
{
    private readonly StoreFactory stores = new(postgres);

    [Fact]
    public async Task ConnectionDroppedMidCopy_IsACodeAndExit2_AndRecordingAgainWorks()
    {
        var ct = TestContext.Current.CancellationToken;
        var direct = await stores.PostgresConnectionAsync(ct);
        await using var proxy = new CuttingProxy(new NpgsqlConnectionStringBuilder(direct).Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(direct) { Port = proxy.Port }.ToString();
        var folder = Path.Combine(stores.Folder, "run");
        await SyntheticRuns.WriteAsync(SyntheticRuns.Create("run-cut", items: 2000), folder, ct); // rows well past one COPY buffer
        var variable = "CIGATE_TEST_PG_" + Guid.NewGuid().ToString("N");

        Environment.SetEnvironmentVariable(variable, throughProxy);
        var dropped = await CigateCli.RunAsync("history", "record", folder, "--postgres-env", variable);
        Environment.SetEnvironmentVariable(variable, direct);
        var again = await CigateCli.RunAsync("history", "record", folder, "--postgres-env", variable);
        Environment.SetEnvironmentVariable(variable, null);

        Assert.Equal(1, proxy.Cuts);
        Assert.True(dropped.ExitCode == 2, dropped.Stderr);
        var line = Assert.Single(dropped.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{folder}: error CIGATE0701: recording run run-cut failed, nothing of it was recorded", line, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains("recorded", again.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("already recorded", again.Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => stores.Dispose();
}
