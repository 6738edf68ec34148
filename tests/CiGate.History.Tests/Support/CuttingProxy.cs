using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CiGate.History.Tests.Support;

/// <summary>
/// A loopback TCP proxy to PostgreSQL that drops the connection in the middle of the items COPY:
/// it forwards everything until the client has sent "COPY items", then resets both sides at the
/// client's next write (the first row data). A real dropped connection, at a known moment.
/// </summary>
internal sealed class CuttingProxy : IAsyncDisposable
{
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("COPY items");
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int upstreamPort;
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private int cuts;

    public CuttingProxy(int upstreamPort)
    {
        this.upstreamPort = upstreamPort;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>How many connections were cut mid-COPY.</summary>
    public int Cuts => Volatile.Read(ref cuts);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, upstreamPort, stop.Token);
            var down = server.GetStream().CopyToAsync(client.GetStream(), stop.Token);
            var up = ForwardUntilCopyDataAsync(client.GetStream(), server.GetStream());
            if (await Task.WhenAny(down, up) == up && await up)
            {
                Interlocked.Increment(ref cuts);
                client.Client.LingerState = new LingerOption(true, 0); // RST, as a crashed server or a cut cable
                server.Client.LingerState = new LingerOption(true, 0);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side closed.
        }
    }

    /// <summary>Forwards client bytes; true when it stopped at the first write after the COPY began.</summary>
    private async Task<bool> ForwardUntilCopyDataAsync(Stream from, Stream to)
    {
        var buffer = new byte[1 << 16];
        var seen = new List<byte>();
        var copying = false;
        int read;
        while ((read = await from.ReadAsync(buffer, stop.Token)) > 0)
        {
            if (copying)
            {
                return true;
            }

            await to.WriteAsync(buffer.AsMemory(0, read), stop.Token);
            seen.AddRange(buffer.AsSpan(0, read));
            copying = seen.Count >= Marker.Length && seen.ToArray().AsSpan().IndexOf(Marker) >= 0;
            if (seen.Count > 4096)
            {
                seen.RemoveRange(0, seen.Count - Marker.Length);
            }
        }

        return false;
    }
}
