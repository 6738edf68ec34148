using System.CommandLine;
using CiGate.Simulator;

namespace CiGate.Cli.Commands;

/// <summary>`cigate sim`'s server-under-load flags: the simulator's <see cref="PerformanceOptions"/>, for perf suites.</summary>
internal sealed class SimPerformanceFlags
{
    private readonly Option<double> slowdown = new("--slowdown") { Description = "Multiplies TTFT and ITL (1.2 = a 20% slower server)", DefaultValueFactory = _ => 1.0 };
    private readonly Option<int> maxDecodes = new("--max-concurrent-decodes") { Description = "Requests decoded at once; the rest queue before their first token (0 = no limit)" };
    private readonly Option<double> batchGrowth = new("--batch-itl-growth") { Description = "ITL grows by this fraction per other running decode" };
    private readonly Option<bool> noUsage = new("--no-usage") { Description = "Never send usage, even when the client asks for it" };
    private readonly Option<bool> timestamps = new("--send-timestamps") { Description = "Each stream chunk carries cigate_sent_ts, the server's Stopwatch timestamp" };
    private readonly Option<int> errorEvery = new("--mid-stream-error-every") { Description = "Every n-th streamed request sends an error event halfway (0 = never)" };
    private readonly Option<bool> decodeSteps = new("--decode-steps") { Description = "Emit tokens in decode steps shared by all streams, as a batched server does" };

    public IEnumerable<Option> All => [slowdown, maxDecodes, batchGrowth, noUsage, timestamps, errorEvery, decodeSteps];

    public PerformanceOptions Read(ParseResult parse) => new()
    {
        Slowdown = parse.GetValue(slowdown),
        MaxConcurrentDecodes = parse.GetValue(maxDecodes),
        BatchItlGrowth = parse.GetValue(batchGrowth),
        SendUsage = !parse.GetValue(noUsage),
        SendTimestamps = parse.GetValue(timestamps),
        MidStreamErrorEvery = parse.GetValue(errorEvery),
        DecodeSteps = parse.GetValue(decodeSteps),
    };
}
