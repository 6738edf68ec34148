namespace CiGate.Bench;

/// <summary>A streaming server the bench measures against, run as a child process.</summary>
internal interface IServerChild : IAsyncDisposable
{
    Uri Url { get; }
}

/// <summary>
/// The reference server (`reference_server.py`, beside the bench) as a child process: Python's
/// asyncio, one timer per stream, nothing shared with CiGate or its simulator.
/// </summary>
internal sealed class ReferenceServerChild : IServerChild
{
    private readonly ChildProcess child;

    private ReferenceServerChild(ChildProcess child, Uri url) => (this.child, Url) = (child, url);

    public Uri Url { get; }

    public static async Task<ReferenceServerChild> StartAsync(double ttftMs, double itlMs)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "reference_server.py");
        var child = ChildProcess.Start("python3", script, "--ttft", Invariant(ttftMs), "--itl", Invariant(itlMs));
        var line = await child.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the reference server did not start (python3?)");
        return new ReferenceServerChild(child, new Uri(line.Trim()));
    }

    public ValueTask DisposeAsync()
    {
        child.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Invariant(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
