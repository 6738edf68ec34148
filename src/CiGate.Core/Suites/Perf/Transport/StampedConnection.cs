using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace CiGate.Core.Suites.Perf.Transport;

/// <summary>
/// One HTTP connection's socket as the stream SocketsHttpHandler reads and writes, reading with
/// kernel receive timestamps (<see cref="KernelReceiveClock"/>). The handler only reads when its
/// buffer is empty, so <see cref="LastReceiveTs"/> is the arrival of the bytes the response stream
/// hands out next. One limit: TCP merges segments that wait in the receive queue and keeps the
/// newest stamp, so a chunk that waited there for the next one (the client fell a whole
/// inter-token gap behind) gets the later chunk's time; peeking cannot undo that. Writes go
/// through unchanged; the request head is looked at once, to learn which request the connection
/// now carries (<see cref="ConnectionRegistry"/>).
/// </summary>
internal sealed class StampedConnection : Stream
{
    private readonly Socket socket;
    private readonly int fd;
    private readonly NetworkStream writer;
    private readonly ConnectionRegistry registry;
    private readonly bool transmitStamps;
    private bool carrying;

    public StampedConnection(Socket socket, ConnectionRegistry registry, bool transmitStamps = false)
    {
        this.socket = socket;
        this.registry = registry;
        this.transmitStamps = transmitStamps;
        fd = (int)socket.Handle;
        writer = new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>When the kernel received the newest bytes of the last read (Stopwatch ticks); 0 before the first, or when the kernel gave none.</summary>
    public long LastReceiveTs { get; private set; }

    /// <summary>When the current request's last write returned: its bytes were with the kernel (ticks; 0 before).</summary>
    public long RequestWrittenTs { get; private set; }

    /// <summary>
    /// When the current request's first write began (Stopwatch ticks): the request left somewhere between this and
    /// <see cref="RequestWrittenTs"/>, so a wide window (the thread was held up in or around the write) is an
    /// uncertain send time.
    /// </summary>
    public long RequestStartTs { get; private set; }

    /// <summary>
    /// The kernel's transmit stamp of the current request's last write (Stopwatch ticks; 0 without one): when its
    /// last byte left for the device, whatever the thread did around the write.
    /// </summary>
    public long RequestSentTs { get; private set; }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            // A zero-byte read waits for data without taking any (the handler's idle check).
            await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, cancellationToken);
            return 0;
        }

        while (true)
        {
            var read = Receive(buffer.Span);
            if (read >= 0)
            {
                return read;
            }

            await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, cancellationToken);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            var read = Receive(buffer);
            if (read >= 0)
            {
                return read;
            }

            socket.Poll(-1, SelectMode.SelectRead);
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Notice(buffer.Span);
        var write = writer.WriteAsync(buffer, cancellationToken);
        if (write.IsCompletedSuccessfully)
        {
            // The usual case: the kernel took the bytes inside the call (loopback delivers them there too).
            Written();
            return write;
        }

        return WrittenAsync(write);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Notice(buffer);
        writer.Write(buffer);
        Written();
    }

    public override void Flush() => writer.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => writer.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            writer.Dispose();
        }

        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync()
    {
        writer.Dispose();
        return base.DisposeAsync();
    }

    private int Receive(Span<byte> buffer)
    {
        // 0 when the kernel gave no stamp (stamping had not been turned on yet): the reader then uses its read time.
        var read = KernelReceiveClock.Receive(fd, buffer, out var stamp);
        if (read >= 0)
        {
            LastReceiveTs = stamp;
        }

        return read;
    }

    private void Notice(ReadOnlySpan<byte> bytes)
    {
        if (registry.TryFindRequest(bytes, out var id))
        {
            // A new request: its stamp comes when its writes return, never before (a cold first write took ms).
            RequestWrittenTs = 0;
            RequestSentTs = 0;
            RequestStartTs = Stopwatch.GetTimestamp();
            carrying = true;
            registry.Attach(id, this);
        }
    }

    /// <summary>
    /// After each write of the current request returned, so the stamp is the last of its bytes handed to
    /// the kernel (a body written apart from its head moves it on). An HTTP/1.1 connection writes nothing
    /// else until the next request's head.
    /// </summary>
    private void Written()
    {
        if (carrying)
        {
            RequestWrittenTs = Stopwatch.GetTimestamp();
            var sent = transmitStamps ? KernelReceiveClock.TakeTransmitStamp(fd) : 0;
            if (sent > 0 && sent <= RequestWrittenTs)
            {
                RequestSentTs = sent;
            }
        }
    }

    private async ValueTask WrittenAsync(ValueTask write)
    {
        await write;
        Written();
    }
}
