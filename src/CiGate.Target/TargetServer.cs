using System.Text;
using System.Threading.Channels;

namespace CiGate.Target;

/// <summary>
/// The serving loop: reads lines, runs up to MaxConcurrency handlers at once and writes their replies
/// through one writer, in the order they finish. End of input: the handlers in flight finish, the
/// replies are flushed, and the loop returns.
/// </summary>
internal sealed class TargetServer(
    Func<TargetRequest, CancellationToken, Task<TargetReply>> handler,
    CiGateTargetOptions options,
    TextWriter log)
{
    private readonly Channel<byte[]> _outbox =
        Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });

    public async Task RunAsync(Stream input, Stream output, CancellationToken ct)
    {
        var writer = WriteAllAsync(output);
        using var slots = new SemaphoreSlim(options.MaxConcurrency);
        try
        {
            await ReadAllAsync(input, slots, ct).ConfigureAwait(false);
        }
        finally
        {
            // Every handler holds one slot until its reply is queued: taking them all waits for the last.
            for (var i = 0; i < options.MaxConcurrency; i++)
            {
                await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            }

            _outbox.Writer.TryComplete();
            await writer.ConfigureAwait(false);
        }
    }

    private async Task ReadAllAsync(Stream input, SemaphoreSlim slots, CancellationToken ct)
    {
        using var reader = new StreamReader(input, new UTF8Encoding(false), false, 1 << 16, leaveOpen: true);
        var lineNumber = 0L;
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            switch (ProtocolJson.Read(line))
            {
                case ProtocolLine.Hello hello:
                    if (hello.Protocol != ProtocolJson.Version)
                    {
                        Log($"line {lineNumber}: cigate speaks '{hello.Protocol}', this app {ProtocolJson.Version}");
                    }

                    Send(ProtocolWriter.Hello(options.AppName, options.AppVersion));
                    break;
                case ProtocolLine.Request request:
                    await slots.WaitAsync(ct).ConfigureAwait(false);
                    _ = Task.Run(() => HandleAsync(request.Value, slots, ct), CancellationToken.None);
                    break;
                case ProtocolLine.Malformed { Id: { } id } malformed:
                    Log($"line {lineNumber}: {malformed.Message}");
                    Send(ProtocolWriter.Error(id, malformed.Message, retryable: false));
                    break;
                case ProtocolLine.Malformed malformed:
                    Log($"line {lineNumber}: {malformed.Message}; no id to answer, line skipped");
                    break;
            }
        }
    }

    private async Task HandleAsync(TargetRequest request, SemaphoreSlim slots, CancellationToken ct)
    {
        try
        {
            var reply = await handler(request, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The handler returned no reply.");
            Send(ProtocolWriter.Response(request.Id, reply));
        }
        catch (Exception e)
        {
            var retryable = ErrorClassifier.IsRetryable(e, ct);
            var message = ErrorClassifier.Describe(e);
            Log($"request {request.Id}{(request.Item is null ? "" : $" (item {request.Item})")}: {message}");
            Send(ProtocolWriter.Error(request.Id, message, retryable));
        }
        finally
        {
            slots.Release();
        }
    }

    private void Send(byte[] line) => _outbox.Writer.TryWrite(line);

    private void Log(string message) => log.WriteLine($"cigate-target: {message}");

    // One writer: lines never interleave. A flush per burst, not per line, under load. When the
    // output is gone (cigate stopped), later replies are dropped: serving still ends at end of input.
    private async Task WriteAllAsync(Stream output)
    {
        var reader = _outbox.Reader;
        var open = true;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            try
            {
                while (reader.TryRead(out var line))
                {
                    if (open)
                    {
                        await output.WriteAsync(line).ConfigureAwait(false);
                    }
                }

                if (open)
                {
                    await output.FlushAsync().ConfigureAwait(false);
                }
            }
            catch (IOException e)
            {
                open = false;
                Log($"standard output closed, replies dropped from now on: {e.Message}");
            }
        }
    }
}
