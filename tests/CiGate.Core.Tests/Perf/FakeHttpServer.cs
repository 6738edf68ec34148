using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CiGate.Core.Tests.Perf;

/// <summary>A tiny HTTP server on 127.0.0.1 whose every answer a test decides: readiness, probes, a server without /tokenize.</summary>
internal sealed class FakeHttpServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Func<string, string, (int Status, string Body)> handler;
    private readonly Task loop;

    public FakeHttpServer(Func<string, string, (int Status, string Body)> handler)
    {
        this.handler = handler;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public Uri Root => new($"http://127.0.0.1:{Port}/");

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/v1");

    public List<string> Paths { get; } = [];

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task LoopAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Url!.AbsolutePath;
            lock (Paths)
            {
                Paths.Add(path);
            }

            var (status, text) = handler(path, body);
            var bytes = Encoding.UTF8.GetBytes(text);
            context.Response.StatusCode = status;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
