using System.Text;
using CiGate.Core.Targets;

namespace CiGate.Core.Tests.Suites.Tools;

/// <summary>
/// A target that runs its own tools returns each call with its result; a cached response keeps those
/// results (a rerun from the cache gives the same trajectory), and a call without one reads back as asked.
/// </summary>
public sealed class TargetTrajectoryCacheTests
{
    [Fact]
    public void Calls_the_target_ran_keep_their_results_and_errors_through_the_cache()
    {
        var response = new CachedResponse("done", "stop", null, "m", null)
        {
            ToolCalls =
            [
                new ToolCall("c1", "lookup", """{"id":"A1"}""") { Result = """{"status":"shipped"}""" },
                new ToolCall("c2", "refund", "{}") { Result = "needs a human", ResultIsError = true },
                new ToolCall("c3", "ask", "{}"),
            ],
        };

        var line = Encoding.UTF8.GetString(CacheLineCodec.Encode("k", response));
        Assert.True(CacheLineCodec.TryDecode(Encoding.UTF8.GetBytes(line), out _, out var back));

        Assert.Equal(response.ToolCalls, back.ToolCalls);
        Assert.Contains(""","result":"needs a human","error":true}""", line, StringComparison.Ordinal);
        Assert.DoesNotContain("""ask","arguments":"{}","result""", line, StringComparison.Ordinal);
    }
}
