using System.IO.Pipes;

namespace CiGate.Target.Tests.Support;

/// <summary>
/// <see cref="CiGateTarget"/> serving on two OS pipes in this process: <see cref="Peer"/> is cigate's end.
/// Disposing closes the app's input and waits for serving to end.
/// </summary>
internal sealed class InProcessTarget : IAsyncDisposable
{
    private readonly AnonymousPipeServerStream _toApp = new(PipeDirection.Out);
    private readonly AnonymousPipeClientStream _appInput;
    private readonly AnonymousPipeServerStream _fromApp = new(PipeDirection.In);
    private readonly AnonymousPipeClientStream _appOutput;
    private readonly StringWriter _log = new();
    private readonly TextWriter _syncLog;

    /// <summary>Starts <paramref name="serve"/>(app input, app output, log) on a pool thread.</summary>
    public InProcessTarget(Func<Stream, Stream, TextWriter, Task> serve)
    {
        _appInput = new AnonymousPipeClientStream(PipeDirection.In, _toApp.ClientSafePipeHandle);
        _appOutput = new AnonymousPipeClientStream(PipeDirection.Out, _fromApp.ClientSafePipeHandle);
        Peer = new ProtocolPeer(_toApp, _fromApp);
        // TextWriter.Synchronized locks on the wrapper itself: Logged takes the same lock.
        var log = _syncLog = TextWriter.Synchronized(_log);
        Serving = Task.Run(async () =>
        {
            try
            {
                await serve(_appInput, _appOutput, log);
            }
            finally
            {
                // The app's output closing is what the peer sees as the end.
                _appOutput.Dispose();
            }
        });
    }

    public ProtocolPeer Peer { get; }

    /// <summary>Ends when the served loop returns (after the input is closed).</summary>
    public Task Serving { get; }

    /// <summary>What the library logged (its stderr).</summary>
    public string Logged
    {
        get
        {
            lock (_syncLog)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Serves a handler with the given options (its Log set to this target's log).</summary>
    public static InProcessTarget Serve(
        Func<TargetRequest, CancellationToken, Task<TargetReply>> handler, CiGateTargetOptions? options = null) =>
        new((input, output, log) =>
        {
            options ??= new CiGateTargetOptions();
            options.Log = log;
            return CiGateTarget.ServeAsync(handler, input, output, options, TestContext.Current.CancellationToken);
        });

    public async ValueTask DisposeAsync()
    {
        Peer.CloseInput();
        try
        {
            await Serving.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (OperationCanceledException) when (Serving.IsCanceled)
        {
            // A test that cancelled serving has checked that already.
        }

        Peer.Dispose();
        _appInput.Dispose();
        _fromApp.Dispose();
    }
}
