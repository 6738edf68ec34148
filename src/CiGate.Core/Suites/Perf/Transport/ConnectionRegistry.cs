using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace CiGate.Core.Suites.Perf.Transport;

/// <summary>
/// Which connection carries which request. SocketsHttpHandler does not say, so every request
/// carries an `X-Request-ID: cigate-&lt;client&gt;-&lt;n&gt;` header (vLLM takes it as the
/// request's id in its logs) and the connection that writes it registers itself under n.
/// The prefix is random per client, so two cigate processes against one server never share an id.
/// </summary>
internal sealed class ConnectionRegistry : IDisposable
{
    /// <summary>Spelled as SocketsHttpHandler writes it (it knows the header and uses its own casing).</summary>
    public const string HeaderName = "X-Request-ID";
    private readonly ConcurrentDictionary<long, StampedConnection> connections = new();
    private readonly byte[] marker;
    private readonly Socket primer;

    public ConnectionRegistry()
    {
        Prefix = NewPrefix();
        marker = Encoding.ASCII.GetBytes($"\r\n{HeaderName}: {Prefix}");

        // Linux turns receive stamps on for the whole machine a moment after the first socket asks
        // (a deferred work item); asking now, before any request, keeps the first chunks stamped.
        primer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        KernelReceiveClock.TryEnable(primer);
    }

    /// <summary>The header value's prefix; the request number follows it.</summary>
    public string Prefix { get; }

    /// <summary>A fresh `cigate-&lt;random&gt;-` prefix: one per client, so two processes never share an id.</summary>
    public static string NewPrefix() => $"cigate-{Random.Shared.Next():x8}-";

    /// <summary>SocketsHttpHandler's ConnectCallback: a TCP connection with kernel receive stamps on.</summary>
    public async ValueTask<Stream> ConnectAsync(System.Net.Http.SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            if (!KernelReceiveClock.TryEnable(socket))
            {
                return new NetworkStream(socket, ownsSocket: true);
            }

            return new StampedConnection(socket, this, KernelReceiveClock.TryEnableTransmit(socket));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Attach(long id, StampedConnection connection) => connections[id] = connection;

    /// <summary>The connection request <paramref name="id"/> went out on, once; null where it was not stamped.</summary>
    public StampedConnection? Take(long id) => connections.TryRemove(id, out var connection) ? connection : null;

    public void Forget(long id) => connections.TryRemove(id, out _);

    public void Dispose() => primer.Dispose();

    /// <summary>Finds this registry's request id in a request head being written.</summary>
    public bool TryFindRequest(ReadOnlySpan<byte> bytes, out long id)
    {
        id = 0;
        var at = bytes.IndexOf(marker);
        if (at < 0)
        {
            return false;
        }

        var rest = bytes[(at + marker.Length)..];
        return Utf8Parser.TryParse(rest, out id, out var used) && used > 0 && used < rest.Length && rest[used] == '\r';
    }
}
