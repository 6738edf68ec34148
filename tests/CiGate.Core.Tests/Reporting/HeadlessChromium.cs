using System.Diagnostics;

namespace CiGate.Core.Tests.Reporting;

/// <summary>
/// Headless Chromium, as `.ci/run` installs it, taking a screenshot of a local HTML file. Shared
/// (as a linked file) by the report and history dashboard screenshot tests.
/// </summary>
internal static class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";

    public static void SkipUnlessInstalled()
    {
        if (!File.Exists(Executable))
        {
            Assert.Skip($"{Executable} is not installed (apt-get install -y chromium)");
        }
    }

    /// <summary>Renders <paramref name="html"/> at 1200×1600 into <paramref name="png"/>; the exit code and everything Chromium printed.</summary>
    public static async Task<(int ExitCode, string Log)> ScreenshotAsync(string html, string png, string profile, CancellationToken ct)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            $"--user-data-dir={profile}", "--window-size=1200,1600", $"--screenshot={png}", new Uri(html).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish within 90 s");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
