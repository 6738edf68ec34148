using CiGate.Core.Config;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Suites.Perf;

/// <summary>
/// Exec and http targets answer cases, not token streams: a perf suite times the first token and
/// every token after it from an OpenAI-compatible streaming endpoint, so it refuses them when the
/// config loads rather than measuring a process or an API it cannot read.
/// </summary>
internal static class PerfTargets
{
    /// <summary>One <c>CIGATE0314</c> per exec or http target a perf suite would run on, at <c>targets:</c>.</summary>
    public static void RefuseApplications(SuiteHeader header, MapReader suite)
    {
        foreach (var name in header.Targets)
        {
            if (!header.Applications.TryGetValue(name, out var type))
            {
                continue;
            }

            var named = suite.Get("targets");
            var how = named is null ? " (a suite without 'targets:' runs on every target)" : "";
            suite.Context.Report(
                DiagnosticCodes.PerfOnApplicationTarget,
                named ?? suite.Node,
                $"perf suite '{header.Name}' would run on target '{name}' (type: {type}){how}; perf times " +
                    "tokens from an OpenAI-compatible streaming endpoint; name only model targets in its 'targets:'");
        }
    }
}
