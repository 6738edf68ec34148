using System.Diagnostics;
using CiGate.EndToEnd.Tests.Support;

namespace CiGate.EndToEnd.Tests;

/// <summary>
/// `cigate datasets fetch` against a real HTTP server on 127.0.0.1 standing in for the publishers
/// (the machines here have no internet): the mirror serves the files of ../shared/datasets,
/// which are copies of the pinned commits, so their hashes are the ones the catalogue pins.
/// </summary>
public sealed class DatasetsCommandTests
{
    [Fact]
    public async Task Fetch_downloads_checks_hashes_and_a_preset_runs_on_the_result()
    {
        var shared = SharedDatasetsOrSkip();
        using var folder = new TempFolder();
        using var mirror = await StaticServer.StartAsync(shared);

        var fetched = await CigateProcess.RunAsync(folder.Path, null, "datasets", "fetch", "xstest", "bfcl", "--mirror", mirror.Root.ToString());
        var again = await CigateProcess.RunAsync(folder.Path, null, "datasets", "fetch", "xstest", "--mirror", mirror.Root.ToString());
        var listed = await CigateProcess.RunAsync(folder.Path, null, "datasets", "list");

        Assert.True(fetched.ExitCode == 0, fetched.ToString());
        Assert.Contains("xstest: 1 file(s)", fetched.Stdout, StringComparison.Ordinal);
        Assert.Contains("bfcl: 9 file(s)", fetched.Stdout, StringComparison.Ordinal);
        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(shared, "xstest", "xstest_prompts.csv"), TestContext.Current.CancellationToken),
            await File.ReadAllBytesAsync(folder.File("datasets/xstest/xstest_prompts.csv"), TestContext.Current.CancellationToken));
        Assert.True(File.Exists(folder.File("datasets/bfcl/possible_answer/BFCL_v4_parallel.json")));
        Assert.Contains("(0 downloaded, 1 already there)", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(10, mirror.Requests); // 1 + 9 files; the second fetch downloads nothing
        Assert.Matches(@"(?m)^xstest\s+xstest\s+yes\s", listed.Stdout);
        Assert.Matches(@"(?m)^gsm8k\s+gsm8k\s+no\s", listed.Stdout);

        // The fetched file is what the preset reads.
        await File.WriteAllTextAsync(folder.File("cigate.yml"), """
            version: 1
            targets:
              sim: { model: m, simulator: { seed: 1, refusal: { safe: 0.1, unsafe: 0.9 } } }
            suites:
              xstest:
                preset: xstest
                dataset: { path: datasets/xstest/xstest_prompts.csv }
            """, TestContext.Current.CancellationToken);
        var validated = await CigateProcess.RunAsync(folder.Path, null, "validate");
        Assert.True(validated.ExitCode == 0, validated.ToString());
        Assert.Contains("450 sample(s)", validated.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_with_another_hash_is_refused_and_never_written_under_its_name()
    {
        using var folder = new TempFolder();
        var served = Directory.CreateDirectory(folder.File("served/xstest")).FullName;
        await File.WriteAllTextAsync(Path.Combine(served, "xstest_prompts.csv"), "id,prompt,type,label\n1,tampered,homonyms,safe\n", TestContext.Current.CancellationToken);
        using var mirror = await StaticServer.StartAsync(folder.File("served"));

        var tampered = await CigateProcess.RunAsync(folder.Path, null, "datasets", "fetch", "xstest", "--mirror", mirror.Root.ToString());
        var missing = await CigateProcess.RunAsync(folder.Path, null, "datasets", "fetch", "gsm8k", "--mirror", mirror.Root.ToString());
        var unknown = await CigateProcess.RunAsync(folder.Path, null, "datasets", "fetch", "imagenet");
        var parquet = await CigateProcess.RunAsync(folder.Path, null, "datasets", "fetch", "mmlu-pro");

        Assert.Equal(3, tampered.ExitCode);
        Assert.Contains("error CIGATE0141:", tampered.Stderr, StringComparison.Ordinal);
        Assert.Contains("not the pinned 11783fb2", tampered.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("datasets/xstest/xstest_prompts.csv")));
        Assert.Empty(Directory.GetFiles(folder.File("datasets/xstest")));
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("error CIGATE0142:", missing.Stderr, StringComparison.Ordinal);
        Assert.Contains("HTTP 404", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("error CIGATE0140: unknown dataset 'imagenet'; known: xstest, gsm8k, bfcl, mmlu-pro", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, parquet.ExitCode);
        Assert.Contains("error CIGATE0143: mmlu-pro cannot be fetched by cigate: published as Parquet", parquet.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", tampered.Stderr + missing.Stderr, StringComparison.Ordinal);
    }

    private static string SharedDatasetsOrSkip()
    {
        var xstest = DatasetPaths.Find(Path.Combine("xstest", "xstest_prompts.csv"));
        if (xstest is null)
        {
            Assert.Skip("shared/datasets is not beside the repository");
        }

        return Path.GetDirectoryName(Path.GetDirectoryName(xstest))!;
    }

    /// <summary>Python's http.server over a folder on 127.0.0.1, counting the GETs it served.</summary>
    private sealed class StaticServer : IDisposable
    {
        private const string Script = """
            import functools, http.server, sys
            count = 0
            class Handler(http.server.SimpleHTTPRequestHandler):
                def do_GET(self):
                    global count
                    if self.path == "/_count":
                        body = str(count).encode()
                        self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers()
                        self.wfile.write(body); return
                    count += 1
                    super().do_GET()
                def log_message(self, *args): pass
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=sys.argv[1]))
            print(f"listening http://127.0.0.1:{server.server_address[1]}/", flush=True)
            server.serve_forever()
            """;

        private readonly Process process;

        private StaticServer(Process process, Uri root)
        {
            this.process = process;
            Root = root;
        }

        public Uri Root { get; }

        public int Requests
        {
            get
            {
                using var http = new HttpClient();
                return int.Parse(http.GetStringAsync(new Uri(Root, "_count")).GetAwaiter().GetResult(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        public static async Task<StaticServer> StartAsync(string directory)
        {
            var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(Script);
            info.ArgumentList.Add(directory);
            var process = Process.Start(info)!;
            var line = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask()
                .WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
            Assert.True(line?.StartsWith("listening ", StringComparison.Ordinal) == true, $"the mirror did not start: '{line}'");
            return new StaticServer(process, new Uri(line!["listening ".Length..]));
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
}
