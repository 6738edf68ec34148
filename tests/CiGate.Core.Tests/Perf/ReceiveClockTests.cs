using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CiGate.Core.Suites.Perf;
using CiGate.Core.Suites.Perf.Transport;
using CiGate.Core.Targets;
using CiGate.Simulator;

namespace CiGate.Core.Tests.Perf;

/// <summary>
/// Chunk times from the kernel's receive stamps: when the bytes reached the machine, whatever the
/// client's threads were doing. Linux only (elsewhere the client falls back to read times).
/// </summary>
[Collection(PerfHarness.Collection)]
public sealed class ReceiveClockTests
{
    [Fact]
    public async Task A_late_read_still_gets_the_time_the_bytes_arrived()
    {
        Assert.SkipUnless(KernelReceiveClock.IsSupported, "kernel receive timestamps are read on 64-bit Linux only");
        var ct = TestContext.Current.CancellationToken;
        await using var pair = await StampedPair.ConnectAsync(ct);
        var (server, connection) = (pair.Server, pair.Connection);
        await WaitUntilStampingIsOnAsync(server, connection, ct);

        // act: the bytes land, and the client reads them 80 ms later.
        var before = Stopwatch.GetTimestamp();
        server.Send("data: {}\n\n"u8);
        var after = Stopwatch.GetTimestamp();
        await Task.Delay(80, ct);
        var buffer = new byte[64];
        var read = await connection.ReadAsync(buffer, ct);
        var returned = Stopwatch.GetTimestamp();

        // assert: the stamp is the send (loopback delivers inside the send call), not the read.
        Assert.Equal(10, read);
        var stamp = connection.LastReceiveTs;
        var slack = Stopwatch.Frequency / 200; // 5 ms for the realtime-to-monotonic offset on a loaded machine
        Assert.True(stamp >= before - slack && stamp <= after + slack, $"stamp {Stopwatch.GetElapsedTime(before, stamp).TotalMilliseconds:0.000} ms after the send began, which took {Stopwatch.GetElapsedTime(before, after).TotalMilliseconds:0.000} ms");
        Assert.True(Stopwatch.GetElapsedTime(stamp, returned) >= TimeSpan.FromMilliseconds(75), $"read returned {Stopwatch.GetElapsedTime(stamp, returned).TotalMilliseconds:0.00} ms after the stamp");
    }

    /// <summary>A loopback TCP connection: the server's socket, and the client's end read as cigate reads it.</summary>
    private sealed class StampedPair : IAsyncDisposable
    {
        private readonly TcpListener listener;
        private readonly ConnectionRegistry registry = new();

        private StampedPair(TcpListener listener, Socket server, Socket client)
        {
            this.listener = listener;
            Server = server;
            Connection = new StampedConnection(client, registry);
        }

        public Socket Server { get; }

        public StampedConnection Connection { get; }

        public static async Task<StampedPair> ConnectAsync(CancellationToken ct)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint, ct);
            var server = await listener.AcceptSocketAsync(ct);
            Assert.True(KernelReceiveClock.TryEnable(client));
            return new StampedPair(listener, server, client);
        }

        public async ValueTask DisposeAsync()
        {
            await Connection.DisposeAsync();
            Server.Dispose();
            listener.Dispose();
            registry.Dispose();
        }
    }

    /// <summary>
    /// The first socket on a machine to ask for stamps turns them on system-wide a moment later
    /// (the kernel defers it to a work queue): packets before that come unstamped, and the
    /// connection falls back to the read time.
    /// </summary>
    private static async Task WaitUntilStampingIsOnAsync(Socket server, StampedConnection connection, CancellationToken ct)
    {
        var buffer = new byte[8];
        for (var i = 0; i < 200; i++)
        {
            var sent = Stopwatch.GetTimestamp();
            server.Send("."u8);
            await Task.Delay(5, ct);
            Assert.Equal(1, await connection.ReadAsync(buffer, ct));
            if (connection.LastReceiveTs != 0 && Stopwatch.GetElapsedTime(sent, connection.LastReceiveTs) < TimeSpan.FromMilliseconds(4))
            {
                return;
            }
        }

        Assert.Fail("the kernel never stamped a packet on this connection");
    }

    [Fact]
    public async Task A_read_that_waits_for_data_returns_it_when_it_comes()
    {
        Assert.SkipUnless(KernelReceiveClock.IsSupported, "kernel receive timestamps are read on 64-bit Linux only");
        var ct = TestContext.Current.CancellationToken;
        await using var pair = await StampedPair.ConnectAsync(ct);
        var (server, connection) = (pair.Server, pair.Connection);

        var buffer = new byte[64];
        var reading = connection.ReadAsync(buffer, ct).AsTask();
        await Task.Delay(50, ct);
        Assert.False(reading.IsCompleted);
        server.Send("abc"u8);
        Assert.Equal(3, await reading.WaitAsync(TimeSpan.FromSeconds(10), ct));
        Assert.Equal("abc", Encoding.ASCII.GetString(buffer, 0, 3));

        server.Shutdown(SocketShutdown.Send);
        Assert.Equal(0, await connection.ReadAsync(buffer, ct));
    }

    [Fact]
    public void The_registry_finds_its_own_request_id_in_a_request_head()
    {
        using var registry = new ConnectionRegistry();
        using var other = new ConnectionRegistry();
        var head = Encoding.ASCII.GetBytes($"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n{ConnectionRegistry.HeaderName}: {registry.Prefix}42\r\nContent-Length: 2\r\n\r\n{{}}");

        Assert.True(registry.TryFindRequest(head, out var id));
        Assert.Equal(42, id);
        Assert.False(other.TryFindRequest(head, out _));
        Assert.False(registry.TryFindRequest(Encoding.ASCII.GetBytes($"\r\n{ConnectionRegistry.HeaderName}: {registry.Prefix}42"), out _)); // cut off before the line ends
        Assert.False(registry.TryFindRequest("{\"messages\":[]}"u8, out _));
    }

    [Fact]
    public async Task Every_chunk_is_stamped_after_the_server_flushed_it_and_close_to_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new SimulatorOptions { TimeToFirstToken = TimeSpan.FromMilliseconds(20), InterTokenLatency = TimeSpan.FromMilliseconds(5) };
        options.Performance.SendTimestamps = true;
        await using var sim = await SimulatorServer.StartAsync(options, ct);
        var config = new TargetConfig("sim", sim.BaseUrl, SimulatorModel.DefaultName, null, new Dictionary<string, string>(), TargetApi.Chat, 4, TimeSpan.FromSeconds(30), new RetryPolicy(1, TimeSpan.Zero, TimeSpan.Zero), 0, null);
        var workload = new WorkloadSpec(LengthSpec.Fixed(16), LengthSpec.Fixed(24), 0, "words", null, "prompt", true, false, null, 1);
        var prompt = new PromptFactory(workload).Create(0);
        var body = RequestBodies.Build(config, TargetApi.Chat, workload, prompt);

        foreach (var clock in (ReceiveClock[])[ReceiveClock.Kernel, ReceiveClock.Process])
        {
            using var client = new StreamingClient(config, 4, clock);
            using var timing = new RequestTiming(0, Stopwatch.GetTimestamp(), 24);
            await client.SendAsync(timing, body, TargetApi.Chat, TimeSpan.FromSeconds(30), ct);

            Assert.Null(timing.Error);
            Assert.Equal(clock == ReceiveClock.Kernel && KernelReceiveClock.IsSupported, timing.KernelClock);
            Assert.Equal(timing.KernelClock ? ReceiveClock.Kernel : ReceiveClock.Process, client.Clock);
            Assert.Equal(24, timing.Chunks);
            Assert.True(timing.HasServerTs);
            for (var i = 0; i < timing.Chunks; i++)
            {
                var late = Stopwatch.GetElapsedTime(timing.ServerTs[i], timing.ChunkTs[i]);
                Assert.True(late >= -TimeSpan.FromMilliseconds(1) && late < TimeSpan.FromMilliseconds(500), $"{clock}: chunk {i} stamped {late.TotalMilliseconds:0.000} ms after the server flushed it");
            }

            Assert.True(timing.ChunkTs[0] > timing.SentTs);
            Assert.True(timing.EndTs >= timing.ChunkTs[^1]);
        }
    }

    [Fact]
    public async Task Requests_and_load_points_say_which_clock_timed_them()
    {
        const string suite = """
            workload: { prompt_tokens: 16, output_tokens: 8, tokenizer: words }
            profile: concurrent
            concurrency: 4
            max_requests: 8
            """;

        var kernel = await PerfHarness.RunAsync(suite);
        var process = await PerfHarness.RunAsync(suite.TrimEnd() + "\nreceive_clock: process\n");

        var expected = KernelReceiveClock.IsSupported ? "kernel" : "process";
        Assert.All(kernel.Requests, r => Assert.Equal(expected, r.ReceiveClock));
        Assert.Equal(expected, Assert.Single(kernel.Perf.LoadPoints).ReceiveClock);
        Assert.Equal(KernelReceiveClock.IsSupported, kernel.Perf.LoadPoints[0].ReadLag is { N: 8 });
        Assert.All(process.Requests, r => Assert.Equal(("process", (double?)null), (r.ReceiveClock, r.ReadLagMs)));
        Assert.Equal("process", Assert.Single(process.Perf.LoadPoints).ReceiveClock);
        Assert.Null(process.Perf.LoadPoints[0].ReadLag);
    }
}
