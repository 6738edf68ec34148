using System.Diagnostics;
using System.Text.Json;

namespace CiGate.EndToEnd.Tests.Support;

/// <summary>
/// Apps/answer_app.py as a real process on 127.0.0.1: a JSON API in a non-OpenAI shape for the
/// http target (sums, one deliberate bug, optional seeded faults). Disposing kills it.
/// </summary>
internal sealed class AnswerApp : IDisposable
{
    private readonly Process process;

    private AnswerApp(Process process, Uri root)
    {
        this.process = process;
        Root = root;
    }

    public Uri Root { get; }

    /// <param name="token">Sets APP_TOKEN: the app then wants "Authorization: Bearer token" and echoes it.</param>
    public static async Task<AnswerApp> StartAsync(double faultRate = 0, int delayMs = 0, string? token = null)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Apps", "answer_app.py");
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { script, "--fault-rate", faultRate.ToString(System.Globalization.CultureInfo.InvariantCulture), "--delay-ms", $"{delayMs}" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["APP_TOKEN"] = token;
        var process = Process.Start(info)!;
        var line = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        Assert.True(line?.StartsWith("listening ", StringComparison.Ordinal) == true, $"answer_app.py did not start: '{line}'");
        return new AnswerApp(process, new Uri(line!["listening ".Length..]));
    }

    /// <summary>GET /stats: requests served, faults injected by kind, and the gaps before each retry of a 429.</summary>
    public async Task<JsonElement> StatsAsync()
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(Root, "/stats"), TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose()
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        process.Dispose();
    }
}
