using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CiGate.EndToEnd.Tests.Support;

/// <summary>
/// A raw HTTP/1.1 server on 127.0.0.1 that records every chat request exactly as it crossed the
/// socket (its X-Request-ID header and its body bytes) and streams a short OpenAI-style answer with
/// usage and [DONE]. Keep-alive, any number of connections; any other path gets 404.
/// </summary>
internal sealed class RecordingSseServer : IAsyncDisposable
{
    private const int Tokens = 4;
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> connections = [];
    private readonly Task loop;

    public RecordingSseServer()
    {
        listener.Start();
        loop = Task.Run(AcceptAsync);
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/v1");

    /// <summary>Every chat request seen: the X-Request-ID header's value (null when absent) and the body.</summary>
    public List<(string? RequestId, byte[] Body)> Requests { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await loop;
        Task[] open;
        lock (connections)
        {
            open = [.. connections];
        }

        await Task.WhenAll(open);
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (connections)
            {
                connections.Add(Task.Run(() => ServeAsync(socket)));
            }
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        var buffer = new List<byte>();
        var chunk = new byte[8192];
        try
        {
            while (true)
            {
                var headEnd = IndexOf(buffer, "\r\n\r\n"u8.ToArray());
                if (headEnd < 0)
                {
                    var read = await socket.ReceiveAsync(chunk, SocketFlags.None, stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    buffer.AddRange(chunk.AsSpan(0, read));
                    continue;
                }

                var head = Encoding.ASCII.GetString([.. buffer.GetRange(0, headEnd)]);
                var length = int.Parse(
                    Header(head, "Content-Length") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
                while (buffer.Count < headEnd + 4 + length)
                {
                    var read = await socket.ReceiveAsync(chunk, SocketFlags.None, stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    buffer.AddRange(chunk.AsSpan(0, read));
                }

                var body = buffer.GetRange(headEnd + 4, length).ToArray();
                buffer.RemoveRange(0, headEnd + 4 + length);
                var path = head.Split(' ', 3)[1];
                if (!path.EndsWith("/chat/completions", StringComparison.Ordinal))
                {
                    var notFound = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"u8.ToArray();
                    await socket.SendAsync(notFound, SocketFlags.None);
                    continue;
                }

                lock (Requests)
                {
                    Requests.Add((Header(head, "X-Request-ID"), body));
                }

                await socket.SendAsync(Answer(), SocketFlags.None);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private static byte[] Answer()
    {
        var events = new StringBuilder();
        for (var i = 0; i < Tokens; i++)
        {
            events.Append("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"w")
                .Append(i).Append(" \"}}]}\n\n");
        }

        events.Append("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}\n\n");
        events.Append("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":")
            .Append(Tokens).Append("}}\n\n");
        events.Append("data: [DONE]\n\n");
        var body = Encoding.UTF8.GetBytes(events.ToString());
        var head = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: {body.Length}\r\n\r\n");
        return [.. head, .. body];
    }

    private static string? Header(string head, string name)
    {
        foreach (var line in head.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && string.Equals(line[..colon], name, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    private static int IndexOf(List<byte> bytes, byte[] pattern)
    {
        for (var i = 0; i + pattern.Length <= bytes.Count; i++)
        {
            var match = true;
            for (var j = 0; j < pattern.Length && match; j++)
            {
                match = bytes[i + j] == pattern[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}
