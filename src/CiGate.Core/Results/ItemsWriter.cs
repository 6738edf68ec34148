using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;

namespace CiGate.Core.Results;

/// <summary>
/// Appends finished samples to items.jsonl from one background writer. Whatever is queued is
/// written and handed to the OS as soon as the queue runs dry, so a process killed at any moment
/// loses at most the samples still in flight, never a finished one that was written.
/// </summary>
public sealed class ItemsWriter : IAsyncDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Channel<ItemRecord> queue = Channel.CreateUnbounded<ItemRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly FileStream stream;
    private readonly Task pump;

    private ItemsWriter(FileStream stream)
    {
        this.stream = stream;
        pump = Task.Run(PumpAsync);
    }

    public int Written { get; private set; }

    /// <summary>Opens the file for appending after its last complete line (see <see cref="ItemsFile.Read"/>).</summary>
    public static ItemsWriter Open(string path, long validLength)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, 1 << 16);
        stream.SetLength(validLength);
        stream.Seek(validLength, SeekOrigin.Begin);
        return new ItemsWriter(stream);
    }

    public void Add(ItemRecord record)
    {
        if (pump.IsFaulted)
        {
            // The disk refused a write (full, read-only): stop the run now instead of calling the
            // model for samples that cannot be kept. The pump's own error says why.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(pump.Exception!.GetBaseException());
        }

        if (!queue.Writer.TryWrite(record))
        {
            throw new InvalidOperationException("the items writer is closed");
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await pump;
        await stream.DisposeAsync();
    }

    private async Task PumpAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        using var json = new Utf8JsonWriter(buffer, Options);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (queue.Reader.TryRead(out var record))
            {
                ItemJson.Write(json, record);
                json.Flush();
                json.Reset();
                buffer.Write("\n"u8);
                Written++;
                if (buffer.WrittenCount > 1 << 20)
                {
                    await stream.WriteAsync(buffer.WrittenMemory);
                    buffer.ResetWrittenCount();
                }
            }

            await stream.WriteAsync(buffer.WrittenMemory);
            buffer.ResetWrittenCount();
            await stream.FlushAsync();
        }
    }
}
