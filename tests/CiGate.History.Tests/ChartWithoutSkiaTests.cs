using System.Diagnostics;
using CiGate.History.Tests.Support;

namespace CiGate.History.Tests;

/// <summary>
/// Where SkiaSharp's native library does not load, the site is still written, with a line where
/// each chart would be: `cigate` runs as its own process from a copy of the test's output folder
/// (mostly symbolic links) that lacks libSkiaSharp for every platform.
/// </summary>
public sealed class ChartWithoutSkiaTests(PostgresServer postgres) : IDisposable
{
    private readonly StoreFactory stores = new(postgres);

    [Fact]
    public async Task The_site_says_the_chart_was_not_drawn_and_keeps_its_tables()
    {
        // arrange: one recorded run, and cigate's files without libSkiaSharp
        var ct = TestContext.Current.CancellationToken;
        var run = Path.Combine(stores.Folder, "run");
        var recorded = SyntheticRuns.Create("run-0", items: 20, accuracy: 0.7, seed: 1, started: SyntheticRuns.Epoch);
        await SyntheticRuns.WriteAsync(recorded, run, ct);
        Assert.Equal(0, (await CigateCli.RunAsync("history", "record", run, "--db", stores.SqlitePath, "--branch", "main")).ExitCode);
        var app = Path.Combine(stores.Folder, "app");
        var left = 0;
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(app, Path.GetRelativePath(AppContext.BaseDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            if (Path.GetFileName(file).StartsWith("libSkiaSharp", StringComparison.Ordinal))
            {
                left++;
                continue;
            }

            // The host takes the real path of the app it starts, so cigate's own files are copies
            // (the app folder is then this one); the rest are links.
            if (Path.GetFileName(file).StartsWith("cigate.", StringComparison.Ordinal))
            {
                File.Copy(file, copy);
            }
            else
            {
                File.CreateSymbolicLink(copy, file);
            }
        }

        Assert.True(left > 0, "the test's output folder has no libSkiaSharp to leave out");
        var site = Path.Combine(stores.Folder, "site");

        // act
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(app, "cigate.dll"), "history", "site", "--db", stores.SqlitePath, "--out", site })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);

        // assert
        Assert.True(process.ExitCode == 0, await stderr);
        var html = await File.ReadAllTextAsync(Path.Combine(site, "index.html"), ct);
        const string line = "<p class=\"chart-missing\">Chart not drawn: SkiaSharp's native library does not load on ";
        Assert.Contains(line, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
        Assert.Contains("<summary>1 runs</summary>", html, StringComparison.Ordinal);
    }

    public void Dispose() => stores.Dispose();
}
