using System.Text.RegularExpressions;

namespace CiGate.EndToEnd.Tests.Support;

/// <summary>
/// A rendered PR comment against tests/CiGate.EndToEnd.Tests/Golden/NAME, with the run ids and
/// times scrubbed. CIGATE_UPDATE_GOLDEN=1 rewrites the file instead (then review the diff).
/// </summary>
internal static partial class GoldenComment
{
    public static void Check(string name, string comment)
    {
        var actual = Latency().Replace(RunFooter().Replace(comment, "<sub>(run ids and times scrubbed)</sub>"), "latency p50 (scrubbed).");
        var path = Path.Combine(Repository.Root(), "tests", "CiGate.EndToEnd.Tests", "Golden", name);
        if (Environment.GetEnvironmentVariable("CIGATE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"no golden file {path}; run with CIGATE_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    [GeneratedRegex(@"<sub>Base: .*?</sub>", RegexOptions.Singleline)]
    private static partial Regex RunFooter();

    /// <summary>The wall-clock part of the per-sample usage note (tokens are deterministic, latency is not).</summary>
    [GeneratedRegex(@"latency p50 [^\n]*?ms(?: \([^)]*\))?\.")]
    private static partial Regex Latency();
}
