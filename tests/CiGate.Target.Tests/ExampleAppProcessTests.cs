using System.Diagnostics;
using System.Text;
using CiGate.Target.Tests.Support;

namespace CiGate.Target.Tests;

/// <summary>
/// examples/dotnet-app's MyApp.Evals as a real process (<c>dotnet run --no-build</c>, built with these
/// tests), its pipeline calling the real simulator, spoken to over its stdin and stdout.
/// </summary>
public sealed class ExampleAppProcessTests
{
    [Fact]
    public async Task The_example_app_serves_hello_50_concurrent_requests_an_error_and_exits_0_when_input_closes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await Simulators.StartAsync();
        using var app = StartApp(server.BaseUrl.ToString());
        var stderr = new StringBuilder();
        app.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        app.BeginErrorReadLine();
        using var peer = new ProtocolPeer(app.StandardInput.BaseStream, app.StandardOutput.BaseStream);

        try
        {
            await peer.SendAsync(ProtocolPeer.Hello);
            var hello = await peer.ReceiveRequiredAsync();

            // All 50 written before any reply is read: they are in flight together.
            for (var i = 0; i < 50; i++)
            {
                await peer.SendAsync(ProtocolPeer.Request($"r{i}", $"Repeat: item {i}"));
            }

            await peer.SendAsync(ProtocolPeer.Request("france", "What is the capital of France?"));
            await peer.SendAsync(
                """{"type":"request","id":"bad","messages":[{"role":"system","content":"no user"}]}""");
            var replies = await peer.ReceiveManyAsync(52);
            peer.CloseInput();
            var end = await peer.ReceiveAsync();
            await app.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct);

            Assert.Equal("cigate-exec/1", hello.GetProperty("protocol").GetString());
            Assert.Equal("MyApp.Evals", hello.GetProperty("app").GetString());
            Assert.Equal("1.0.0", hello.GetProperty("version").GetString()?.Split('+')[0]);
            for (var i = 0; i < 50; i++)
            {
                // The post-processing step stripped the "Answer:" label and the padding.
                Assert.Equal($"Repeat: item {i}", replies[$"r{i}"].GetProperty("output").GetString());
                Assert.Equal(Simulators.Model, replies[$"r{i}"].GetProperty("model").GetString());
            }

            Assert.Equal("The capital of France is Paris.", replies["france"].GetProperty("output").GetString());
            Assert.Equal("error", replies["bad"].GetProperty("type").GetString());
            Assert.False(replies["bad"].GetProperty("retryable").GetBoolean());
            Assert.Null(end);
            Assert.Equal(0, app.ExitCode);
            // The app's Console.WriteLine went to stderr; stdout held protocol lines only.
            Assert.Equal(53, peer.RawLines.Count);
            lock (stderr)
            {
                Assert.Contains("MyApp.Evals: cleaned an answer", stderr.ToString(), StringComparison.Ordinal);
                Assert.Contains("cigate-target: request bad", stderr.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            if (!app.HasExited)
            {
                app.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task The_example_app_without_its_environment_says_what_is_missing_and_exits_2()
    {
        using var app = StartApp(baseUrl: null);
        app.StandardInput.Close();
        var stderr = await app.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = await app.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await app.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, app.ExitCode);
        Assert.Contains("set OPENAI_BASE_URL", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
    }

    private static Process StartApp(string? baseUrl)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.ExampleDir,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        string[] args = ["run", "--no-build", "-c", RepoPaths.Configuration, "--project", RepoPaths.ExampleProject];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment.Remove("OPENAI_API_KEY");
        if (baseUrl is null)
        {
            start.Environment.Remove("OPENAI_BASE_URL");
            start.Environment.Remove("OPENAI_MODEL");
        }
        else
        {
            start.Environment["OPENAI_BASE_URL"] = baseUrl;
            start.Environment["OPENAI_MODEL"] = Simulators.Model;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

}
