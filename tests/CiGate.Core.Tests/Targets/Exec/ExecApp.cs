using CiGate.Core.Targets;
using CiGate.Core.Targets.Exec;

namespace CiGate.Core.Tests.Targets.Exec;

/// <summary>Exec targets over the real Python test apps (ExecApps/app.py, once.py), started for real.</summary>
internal static class ExecApp
{
    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "ExecApps", name);

    public static TargetConfig Target(
        string logDirectory,
        IReadOnlyList<string> appArgs,
        ExecMode mode = ExecMode.Server,
        int concurrency = 16,
        int maxAttempts = 4,
        TimeSpan? timeout = null,
        int maxRestarts = 5,
        IReadOnlyDictionary<string, string>? env = null,
        TimeSpan? startup = null)
    {
        var script = Script(mode == ExecMode.Once ? "once.py" : "app.py");
        var spec = new ExecSpec(
            ["python3", "-u", script, .. appArgs],
            AppContext.BaseDirectory,
            env ?? new Dictionary<string, string>(),
            mode,
            startup ?? TimeSpan.FromSeconds(20),
            TimeSpan.FromSeconds(2),
            maxRestarts)
        {
            LogDirectory = logDirectory,
        };
        return new TargetConfig(
            "app",
            new Uri("exec:app"),
            "app",
            null,
            new Dictionary<string, string>(),
            TargetApi.Chat,
            concurrency,
            timeout ?? TimeSpan.FromSeconds(20),
            new RetryPolicy(maxAttempts, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(50)),
            0,
            1)
        {
            Exec = spec,
            Identity = ExecIdentity.Of(spec),
        };
    }

    public static ModelRequest Ask(string text, string? item = null) =>
        new(TargetApi.Chat, [new ChatMessage("user", text)], null, 64, [], 0, 1)
        {
            ItemId = item,
            Vars = new Dictionary<string, object?> { ["q"] = text },
        };

    /// <summary>Asks "square of N" for N from 1 to <paramref name="count"/>, all at once.</summary>
    public static Task<ModelResponse[]> AskSquaresAsync(ITargetClient client, int count, CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(1, count).Select(n => client.CompleteAsync(Ask($"square of {n}"), ct)));

    public static string Log(string directory) => File.ReadAllText(Path.Combine(directory, "exec-app.log"));
}
