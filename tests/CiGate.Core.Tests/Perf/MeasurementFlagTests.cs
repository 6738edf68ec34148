using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CiGate.Core.Comparing;
using CiGate.Core.Config;
using CiGate.Core.Gating;
using CiGate.Core.Suites.Perf;
using CiGate.Core.Suites.Perf.Transport;
using CiGate.Core.Tests.Config;

namespace CiGate.Core.Tests.Perf;

/// <summary>
/// Requests whose first token the client could not time: a read that came a token gap late gets the
/// first token merged with later ones (one stamp for all), and such requests are flagged, left out
/// of the percentiles and, above measurement.max_flagged_share, make the gate inconclusive.
/// </summary>
[Collection(PerfHarness.Collection)]
public sealed class MeasurementFlagTests
{
    private const string Event = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"w \"}}]}\n\n";

    [Fact]
    public async Task A_client_that_reads_two_token_gaps_late_gets_one_stamp_for_three_tokens_and_flags_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint, ct);
        using var server = await listener.AcceptSocketAsync(ct);
        var stamped = KernelReceiveClock.TryEnable(client);
        using var registry = new ConnectionRegistry();
        await using var connection = new StampedConnection(client, registry);
        using var timing = new RequestTiming(0, Stopwatch.GetTimestamp(), 8);

        // act: three tokens 20 ms apart land while nobody reads, then five more while the reader keeps up.
        for (var i = 0; i < 3; i++)
        {
            server.Send(Encoding.ASCII.GetBytes(Event));
            await Task.Delay(20, ct);
        }

        var reading = SseReader.ReadAsync(connection, timing, stamped ? connection : null, ct);
        for (var i = 0; i < 5; i++)
        {
            await Task.Delay(20, ct);
            server.Send(Encoding.ASCII.GetBytes(Event));
        }

        server.Send("data: [DONE]\n\n"u8);
        await reading.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var (flag, reason) = MeasurementFlags.Classify(timing, MeasurementFlags.Cadence([timing]));

        // assert: the first read held the three waiting tokens under one time, and the rule says so.
        Assert.Equal(8, timing.Chunks);
        var chunks = timing.ChunkTs;
        Assert.True(chunks[0] == chunks[1] && chunks[1] == chunks[2], "the three waiting tokens got different times");
        Assert.Equal(MeasurementFlags.Merged, flag);
        Assert.StartsWith("the first token arrived in one read with ", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_first_token_read_alone_within_a_token_gap_is_not_flagged_and_a_server_without_cadence_flags_nothing()
    {
        using var steady = Timing([0, 10, 20, 30], firstReadLagMs: 0.2);
        using var burst = Timing([0, 0, 0, 0], firstReadLagMs: 0.2);
        using var lagging = Timing([0, 10, 20, 30], firstReadLagMs: 7);
        using var late = Timing([0, 10, 20, 30], firstReadLagMs: 12);

        Assert.Equal((null, null), MeasurementFlags.Classify(steady, MeasurementFlags.Cadence([steady])));
        Assert.Equal((null, null), MeasurementFlags.Classify(lagging, MeasurementFlags.Cadence([lagging])));
        Assert.Equal(0, MeasurementFlags.Cadence([burst]));
        Assert.Equal((null, null), MeasurementFlags.Classify(burst, 0));
        Assert.Equal(MeasurementFlags.ReadLag, MeasurementFlags.Classify(late, MeasurementFlags.Cadence([late])).Flag);
    }

    [Fact]
    public void A_merged_first_read_is_flagged_even_when_the_load_points_cadence_is_under_the_tolerance()
    {
        // From a capture (reference server, 512 streams, overloaded machine): after a 22 s stall the server sent all
        // 64 tokens within 4 ms; the first read held tokens 1 and 2, the second packet 1.36 ms after the first, so
        // TTFT was 1.36 ms late while the load point's cadence (its median gap) was a fraction of a millisecond.
        using var backlog = Timing([0, 0, 0.2, 1.4, 1.4, 1.6], firstReadLagMs: 0.1);
        var cadence = MeasurementFlags.Cadence([backlog]);
        Assert.True(cadence * 1000.0 / Stopwatch.Frequency < MeasurementFlags.ToleranceMs, "the cadence is meant to be small");

        var (flag, reason) = MeasurementFlags.Classify(backlog, cadence);

        Assert.Equal(MeasurementFlags.Merged, flag);
        Assert.StartsWith("the first token arrived in one read with 1 later one(s)", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_send_whose_write_was_held_up_is_flagged_when_no_transmit_stamp_says_when_it_left()
    {
        using var held = Timing([0, 10, 20, 30], firstReadLagMs: 0.2);
        held.SendWindowTicks = (long)(3 * Stopwatch.Frequency / 1000.0);

        var (flag, reason) = MeasurementFlags.Classify(held, MeasurementFlags.Cadence([held]));

        Assert.Equal(MeasurementFlags.Send, flag);
        Assert.StartsWith("the request took 3 ms to hand to the kernel", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_written_on_a_stamped_connection_gets_the_kernels_transmit_stamp()
    {
        Assert.SkipUnless(KernelReceiveClock.IsSupported, "kernel timestamps are read on 64-bit Linux only");
        var ct = TestContext.Current.CancellationToken;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint, ct);
        using var server = await listener.AcceptSocketAsync(ct);
        Assert.True(KernelReceiveClock.TryEnable(client));
        using var registry = new ConnectionRegistry();
        var transmit = KernelReceiveClock.TryEnableTransmit(client);
        await using var connection = new StampedConnection(client, registry, transmit);
        var head = Encoding.ASCII.GetBytes(
            $"POST /v1/chat/completions HTTP/1.1\r\n{ConnectionRegistry.HeaderName}: {registry.Prefix}7\r\n"
            + "Content-Length: 2\r\n\r\n");

        await connection.WriteAsync(head, ct);
        await connection.WriteAsync("{}"u8.ToArray(), ct);

        // assert: the stamp is when the last write's bytes left, inside the window of the two write calls.
        Assert.Same(connection, registry.Take(7));
        Assert.True(connection.RequestSentTs > 0, "no transmit stamp came back");
        Assert.InRange(connection.RequestSentTs, connection.RequestStartTs, connection.RequestWrittenTs);
        var received = new byte[256];
        Assert.True(await server.ReceiveAsync(received, SocketFlags.None, ct) > 0);
    }

    [Fact]
    public void Flagged_requests_stay_out_of_the_percentiles_and_past_the_limit_the_load_point_is_invalid()
    {
        var requests = Enumerable.Range(0, 20).Select(i => Request(i, ttft: 50, flag: null)).ToList();
        requests[3] = Request(3, ttft: 90, flag: MeasurementFlags.Merged);
        var point = new LoadPointInfo("concurrent-8", "concurrent", 0, null, 8);

        var within = PerfStatistics.Summarize(point, requests, [], 5, checkLength: false, maxFlaggedShare: 0.05);
        var strict = PerfStatistics.Summarize(point, requests, [], 5, checkLength: false, maxFlaggedShare: 0.04);

        Assert.Equal((1, 0.05), (within.Flagged!.Value, within.FlaggedShare!.Value));
        Assert.Equal(19, within.Ttft.N);
        Assert.Equal(50, within.Ttft.Max);
        Assert.Equal(20, within.Completed);
        Assert.True(within.Valid);
        Assert.False(strict.Valid);
        var reason = strict.InvalidReason;
        const string Share = "1 of 20 requests' first token (5% > measurement.max_flagged_share 4%)";
        Assert.Contains(Share, reason, StringComparison.Ordinal);
        Assert.EndsWith("run fewer streams or give the load generator more cores", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_sending_the_first_two_tokens_together_flags_every_request_and_the_gate_is_inconclusive()
    {
        // arrange: tokens 15 ms apart, except that the first two leave in one write (what a stalled client sees).
        await using var server = new BurstSseServer(TimeSpan.FromMilliseconds(15));
        using var temp = new TempFolder();
        var basePath = Path.Combine(temp.Path, "base");
        var headPath = Path.Combine(temp.Path, "head");
        var config = temp.Write("cigate.yml", $$"""
            version: 1
            targets:
              local: { base_url: "{{server.BaseUrl}}", model: m }
            suites:
              latency:
                kind: perf
                workload: { prompt_tokens: 8, output_tokens: 6, tokenizer: words }
                profile: concurrent
                concurrency: 4
                max_requests: 16
                warmup: 0%
                cooldown: 0%
                measurement: { max_flagged_share: 0.5, warm_up_requests: 2 }
            """);

        await RunAsync(config, basePath);
        await RunAsync(config, headPath);
        var requests = RequestsFile.Read(headPath);
        var comparison = Comparer.Compare(LoadedRun.Load(basePath), LoadedRun.Load(headPath), new CompareOptions());
        var verdict = Assert.Single(Gate.Evaluate(comparison, new Dictionary<string, GateSettings>()).Suites);

        Assert.Equal(16, requests.Count);
        Assert.All(requests, r => Assert.Equal((MeasurementFlags.Merged, 0.0), (r.Flag, r.GapsMs[0])));
        Assert.Equal(2 * (16 + 2), server.Requests); // two runs, each 2 warm-up requests and 16 measured
        Assert.Equal(Verdict.Inconclusive, verdict.Verdict);
        const string Invalid = "invalid load point, head concurrent-4: the client could not time 16 of 16";
        Assert.Contains(verdict.Reasons, r => r.StartsWith(Invalid, StringComparison.Ordinal));
    }

    private static async Task RunAsync(string config, string output)
    {
        var loaded = ConfigLoader.Load(config);
        var clients = loaded.Targets.ToDictionary(
            t => t.Name, t => CiGate.Core.Targets.TargetClientFactory.Create(t.Config), StringComparer.Ordinal);
        try
        {
            await CiGate.Core.Running.Runner.RunAsync(
                CiGate.Core.Running.PlanBuilder.Build(loaded),
                clients,
                new CiGate.Core.Running.RunOptions(output, Resume: false),
                new CiGate.Core.Running.RunContext(config, "test"),
                null,
                TestContext.Current.CancellationToken);
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                await client.DisposeAsync();
            }
        }
    }

    private static RequestTiming Timing(double[] chunkMs, double firstReadLagMs)
    {
        var ticksPerMs = Stopwatch.Frequency / 1000.0;
        var timing = new RequestTiming(0, 1, chunkMs.Length);
        foreach (var ms in chunkMs)
        {
            timing.AddChunk(1_000_000_000 + (long)(ms * ticksPerMs), 1, 0);
        }

        timing.FirstReadLagTicks = (long)(firstReadLagMs * ticksPerMs);
        return timing;
    }

    private static PerfRequest Request(int index, double ttft, string? flag) => new()
    {
        Suite = "s",
        Target = "t",
        LoadPoint = "concurrent-8",
        Phase = "measure",
        Index = index,
        ScheduledMs = index * 10,
        EndMs = (index * 10) + 100,
        TtftMs = ttft,
        E2eMs = 100,
        GapsMs = flag is null ? [10, 10] : [0, 10],
        OutputTokens = 3,
        RequestedOutputTokens = 3,
        UsageReported = true,
        Chunks = 3,
        Flag = flag,
    };

    /// <summary>A raw HTTP/1.1 SSE server on 127.0.0.1: six tokens <c>gap</c> apart, the first two together.</summary>
    private sealed class BurstSseServer : IAsyncDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stop = new();
        private readonly TimeSpan gap;
        private readonly Task loop;
        private int requests;

        public BurstSseServer(TimeSpan gap)
        {
            this.gap = gap;
            listener.Start();
            loop = Task.Run(AcceptAsync);
        }

        public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/v1");

        public int Requests => Volatile.Read(ref requests);

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            listener.Stop();
            await loop;
            stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            var open = new List<Task>();
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var socket = await listener.AcceptSocketAsync(stop.Token);
                    open.Add(Task.Run(() => ServeAsync(socket)));
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    break;
                }
            }

            await Task.WhenAll(open);
        }

        private async Task ServeAsync(Socket socket)
        {
            using var _ = socket;
            socket.NoDelay = true;
            var pending = "";
            var buffer = new byte[8192];
            try
            {
                while (true)
                {
                    int headEnd;
                    while ((headEnd = pending.IndexOf("\r\n\r\n", StringComparison.Ordinal)) < 0)
                    {
                        var read = await socket.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
                        if (read == 0)
                        {
                            return;
                        }

                        pending += Encoding.ASCII.GetString(buffer, 0, read);
                    }

                    var head = pending[..headEnd];
                    var lengthLine = head.Split("\r\n")
                        .FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
                    var length = lengthLine is null
                        ? 0
                        : int.Parse(lengthLine[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    while (pending.Length < headEnd + 4 + length)
                    {
                        var read = await socket.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
                        if (read == 0)
                        {
                            return;
                        }

                        pending += Encoding.ASCII.GetString(buffer, 0, read);
                    }

                    pending = pending[(headEnd + 4 + length)..];
                    if (!head.Contains("/chat/completions", StringComparison.Ordinal))
                    {
                        await Send(socket, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
                        continue;
                    }

                    Interlocked.Increment(ref requests);
                    await StreamAsync(socket);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }

        private async Task StreamAsync(Socket socket)
        {
            await Send(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n");
            await Task.Delay(gap, stop.Token);
            await Send(socket, Chunk(Event + Event));
            for (var i = 2; i < 6; i++)
            {
                await Task.Delay(gap, stop.Token);
                await Send(socket, Chunk(Event));
            }

            const string Usage = "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":6}}\n\n";
            await Send(socket, Chunk(Usage + "data: [DONE]\n\n") + "0\r\n\r\n");
        }

        private static string Chunk(string data) => $"{Encoding.UTF8.GetByteCount(data):x}\r\n{data}\r\n";

        private static async Task Send(Socket socket, string text) =>
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None);
    }
}
