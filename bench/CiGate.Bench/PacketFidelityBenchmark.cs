using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace CiGate.Bench;

/// <summary>
/// `packet-fidelity [--streams 64,512] [--runs 5] [--ttft 50] [--itl 10] [--tokens 64] [--prompt 128]
/// [--per-stream 6] [--timers] [--server sim|reference] [--no-warm-up] [--gc-nonconcurrent] [--keep DIR]`:
/// how far the TTFT that `cigate run` records is from what crossed the wire. The server runs in a
/// child process: the simulator (decode steps shared by all streams, or one timer per stream with
/// --timers), or with `--server reference` the reference server (`reference_server.py`: Python's
/// asyncio, one timer per stream, no code shared with CiGate); tcpdump captures
/// the loopback port while a real `cigate run` process (concurrent profile, streams × per-stream
/// requests) measures it; each record of requests.jsonl is paired with its exchange by its
/// request_id (the X-Request-ID header), and the truth is the packet stamps: TTFT = the packet that
/// completed the first event with text − the packet that carried the request's last byte. Prints
/// per run the error distribution (cigate − truth), the share off by more than 1 ms, how many of
/// those cigate flagged (recall) and the error of the unflagged ones. Needs tcpdump and root.
/// </summary>
internal static class PacketFidelityBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var streams = Ints(Value(args, "--streams") ?? "64,512");
        var runs = int.Parse(Value(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        var ttft = double.Parse(Value(args, "--ttft") ?? "50", CultureInfo.InvariantCulture);
        var itl = double.Parse(Value(args, "--itl") ?? "10", CultureInfo.InvariantCulture);
        var tokens = int.Parse(Value(args, "--tokens") ?? "64", CultureInfo.InvariantCulture);
        var prompt = int.Parse(Value(args, "--prompt") ?? "128", CultureInfo.InvariantCulture);
        var perStream = int.Parse(Value(args, "--per-stream") ?? "6", CultureInfo.InvariantCulture);
        var timers = args.Contains("--timers");
        var reference = (Value(args, "--server") ?? "sim") switch
        {
            "sim" => false,
            "reference" => true,
            var other => throw new ArgumentException($"--server is sim or reference, not '{other}'"),
        };
        var warmUp = !args.Contains("--no-warm-up");
        var nonConcurrentGc = args.Contains("--gc-nonconcurrent");
        var keep = Value(args, "--keep");
        if (FindTcpdump() is not { } tcpdump)
        {
            Console.Error.WriteLine("packet-fidelity needs tcpdump (Debian: apt-get install tcpdump) and root");
            return 2;
        }

        var cigate = Path.Combine(AppContext.BaseDirectory, "cigate.dll");
        var work = keep ?? Path.Combine(Path.GetTempPath(), "cigate-packet-fidelity-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        var model = reference ? "reference server (Python asyncio, one timer per stream)"
            : "simulator, " + (timers ? "one timer per stream" : "decode steps");
        var client = (warmUp ? "" : ", warm-up off") + (nonConcurrentGc ? ", DOTNET_gcConcurrent=0" : "");
        Console.WriteLine(Text(
            $"packet-fidelity on {Environment.ProcessorCount} core(s); server child: {model}, TTFT {ttft} ms, ",
            $"ITL {itl} ms; {prompt} prompt / {tokens} output tokens, concurrent, {perStream} x streams requests ",
            $"per run; `cigate run` as a child process{client}; ",
            $"load average {CpuMeter.LoadAverage():0.00} at start"));
        Console.WriteLine("  err = cigate TTFT - packet TTFT (ms); |err| p99/max over paired requests; >1ms = share "
            + "off by more than 1 ms; recall = flagged among those; unflagged = |err| p99 of the unflagged");
        Console.WriteLine(Text(
            $"  {"streams",7} {"run",3} {"paired",9} {"err p50",8} {"|err| p99",9} {"max",8} {">1ms",7} ",
            $"{"flagged",8} {"recall",7} {"unfl p99",8} {"e2e p99",8} {"load",5} {"drops",5}"));
        await using IServerChild sim = reference
            ? await ReferenceServerChild.StartAsync(ttft, itl)
            : await SimChild.StartAsync(ttft, itl, steps: !timers, pinned: false);
        var failures = 0;
        foreach (var level in streams)
        {
            for (var run = 1; run <= runs; run++)
            {
                var folder = Path.Combine(work, Text($"s{level}-r{run}"));
                Directory.CreateDirectory(folder);
                var shape = new Shape(level, prompt, tokens, perStream, warmUp, nonConcurrentGc);
                var row = await MeasureAsync(tcpdump, cigate, sim.Url, folder, shape, run);
                Console.WriteLine(row.Line);
                failures += row.Failed ? 1 : 0;
                if (keep is null)
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }

        Console.WriteLine(Text(
            $"load average {CpuMeter.LoadAverage():0.00} at the end; numbers on a machine shared ",
            $"with other work are as measured, not as the client can do."));
        if (keep is null)
        {
            Directory.Delete(work, recursive: true);
        }

        return failures == 0 ? 0 : 1;
    }

    private static async Task<(string Line, bool Failed)> MeasureAsync(
        string tcpdump, string cigate, Uri url, string folder, Shape shape, int run)
    {
        var (streams, prompt, tokens, perStream, warmUp, nonConcurrentGc) = shape;
        var config = Path.Combine(folder, "cigate.yml");
        var warmUpLine = warmUp ? "" : ", warm_up_requests: 0";
        await File.WriteAllTextAsync(config, Text($$"""
            version: 1
            targets:
              sim: { base_url: "{{url}}", model: cigate-sim, timeout: 120s }
            suites:
              fidelity:
                kind: perf
                workload: { prompt_tokens: {{prompt}}, output_tokens: {{tokens}}, tokenizer: words }
                profile: concurrent
                concurrency: {{streams}}
                max_requests: {{streams * perStream}}
                max_duration: 300s
                warmup: 0%
                cooldown: 0%
                sample_interval: off
                measurement: { max_flagged_share: 1{{warmUpLine}} }
            """));
        var pcap = Path.Combine(folder, "loopback.pcap");
        using var capture = Process.Start(new ProcessStartInfo(tcpdump)
        {
            ArgumentList =
            {
                // --immediate-mode: libpcap (TPACKET_V3) otherwise hands packets over in blocks, on a timeout when
                // traffic is light; the last block of a quiet run then waited past the bench's "file stopped growing"
                // check and was lost at SIGINT (the last wave of requests went unpaired).
                "-i", "lo", "-n", "-U", "--immediate-mode", "-s", "0", "-B", "262144", "--time-stamp-precision=nano",
                "-w", pcap,
                "tcp", "port", url.Port.ToString(CultureInfo.InvariantCulture),
            },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var stderr = new System.Text.StringBuilder();
        var listening = new TaskCompletionSource();
        capture.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetResult();
                return;
            }

            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }

            if (e.Data.Contains("listening on", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        capture.BeginErrorReadLine();
        await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        if (capture.HasExited)
        {
            return ($"  tcpdump did not start: {stderr.ToString().Trim()}", true);
        }

        var load = CpuMeter.LoadAverage();
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])[cigate, "run", config, "--out", Path.Combine(folder, "out"), "--quiet"])
        {
            info.ArgumentList.Add(arg);
        }

        if (nonConcurrentGc)
        {
            info.Environment["DOTNET_gcConcurrent"] = "0";
        }

        using (var child = Process.Start(info)!)
        {
            var output = child.StandardOutput.ReadToEndAsync();
            var errors = child.StandardError.ReadToEndAsync();
            await child.WaitForExitAsync();
            if (child.ExitCode != 0)
            {
                Interrupt(capture);
                return ($"  cigate run exited {child.ExitCode}: {(await errors).Trim()} {(await output).Trim()}", true);
            }
        }

        // tcpdump writes each packet as it reads it (-U) but lags on a busy machine: wait until the file stops
        // growing, then SIGINT (it flushes and prints its counts); packets still in the kernel then are lost.
        for (long size = -1, waited = 0; waited < 20_000; waited += 300)
        {
            await Task.Delay(300);
            var now = new FileInfo(pcap).Length;
            if (now == size)
            {
                break;
            }

            size = now;
        }

        Interrupt(capture);
        await capture.WaitForExitAsync();
        var drops = Dropped(stderr.ToString());
        var (exchanges, _, gaps) = PcapExchanges.Read(pcap, url.Port);
        var truth = exchanges.GroupBy(e => e.RequestId).ToDictionary(g => g.Key, g => g.First());
        var records = File.ReadLines(Path.Combine(folder, "out", "requests.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToList();
        var rows = new List<(double Error, double E2eError, bool Flagged)>();
        List<string> pairs =
            ["request_id,index,cigate_ttft_ms,packet_ttft_ms,error_ms,flag,gap0_ms,first_read_lag_ms,send_window_ms"];
        foreach (var r in records)
        {
            if (!r.TryGetProperty("request_id", out var id) || !truth.TryGetValue(id.GetString()!, out var exchange)
                || !r.TryGetProperty("ttft_ms", out var ttft) || !r.TryGetProperty("e2e_ms", out var e2e))
            {
                continue;
            }

            var trueTtft = (exchange.FirstTokenNs - exchange.RequestSentNs) / 1e6;
            var trueE2e = (exchange.DoneNs - exchange.RequestSentNs) / 1e6;
            var flag = r.TryGetProperty("flag", out var f) ? f.GetString() : null;
            rows.Add((ttft.GetDouble() - trueTtft, e2e.GetDouble() - trueE2e, flag is not null));
            var lag = r.TryGetProperty("first_read_lag_ms", out var l) ? l.GetDouble() : double.NaN;
            var window = r.TryGetProperty("send_window_ms", out var w) ? w.GetDouble() : double.NaN;
            var gapsMs = r.GetProperty("gaps_ms");
            var gap0 = gapsMs.GetArrayLength() > 0 ? gapsMs[0].GetDouble() : double.NaN;
            pairs.Add(Text(
                $"{id.GetString()},{r.GetProperty("index").GetInt32()},{ttft.GetDouble():0.000},{trueTtft:0.000},",
                $"{ttft.GetDouble() - trueTtft:0.000},{flag},{gap0:0.000},{lag:0.000},{window:0.000}"));
        }

        // Kept with --keep: every pair, for a look at the requests behind the numbers.
        await File.WriteAllLinesAsync(Path.Combine(folder, "pairs.csv"), pairs);
        if (rows.Count == 0)
        {
            var counts = Text($"{records.Count} records, {exchanges.Count} exchanges");
            return (Text($"  {streams,7} {run,3} no record paired with a captured exchange ({counts})"), true);
        }

        var off = rows.Where(r => Math.Abs(r.Error) > 1).ToList();
        var unflagged = rows.Where(r => !r.Flagged).Select(r => Math.Abs(r.Error)).ToList();
        var recall = off.Count == 0 ? "-" : Text($"{100.0 * off.Count(r => r.Flagged) / off.Count:0.0}%");
        var p50 = Quantile(rows.Select(r => r.Error), 0.5);
        var p99 = Quantile(rows.Select(r => Math.Abs(r.Error)), 0.99);
        var max = rows.Max(r => Math.Abs(r.Error));
        var offShare = 100.0 * off.Count / rows.Count;
        var unflaggedP99 = unflagged.Count == 0 ? double.NaN : Quantile(unflagged, 0.99);
        var e2eP99 = Quantile(rows.Select(r => Math.Abs(r.E2eError)), 0.99);
        var line = Text(
            $"  {streams,7} {run,3} {rows.Count,4}/{records.Count,4} {p50,8:0.000} {p99,9:0.000} {max,8:0.000} ",
            $"{offShare,6:0.0}% {rows.Count(r => r.Flagged),8} {recall,7} {unflaggedP99,8:0.000} {e2eP99,8:0.000} ",
            $"{load,5:0.00} {drops + gaps,5}");
        return (line, false);
    }

    private static void Interrupt(Process process)
    {
        if (!process.HasExited)
        {
            using var kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
    }

    private static int Dropped(string stderr)
    {
        foreach (var line in stderr.Split('\n'))
        {
            var at = line.IndexOf(" packets dropped by kernel", StringComparison.Ordinal);
            var count = at > 0 ? line[..at].Trim() : "";
            if (int.TryParse(count, NumberStyles.Integer, CultureInfo.InvariantCulture, out var dropped))
            {
                return dropped;
            }
        }

        return 0;
    }

    private static double Quantile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }

    private static string? FindTcpdump() =>
        new[] { "/usr/bin/tcpdump", "/usr/sbin/tcpdump", "/sbin/tcpdump", "/bin/tcpdump" }.FirstOrDefault(File.Exists);

    private static int[] Ints(string text) =>
        [.. text.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];

    private sealed record Shape(int Streams, int Prompt, int Tokens, int PerStream, bool WarmUp, bool NonConcurrentGc);

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string Text(params FormattableString[] parts) =>
        string.Concat(parts.Select(p => p.ToString(CultureInfo.InvariantCulture)));
}
