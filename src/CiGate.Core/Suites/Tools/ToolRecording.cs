using CiGate.Core.Config;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// <c>cigate run --record-tools</c>: the tools suites of a config call their live tools (<c>live.url</c>)
/// and add what they answered to their <c>replay:</c> files, instead of replaying those files.
/// </summary>
public static class ToolRecording
{
    /// <summary>The config with every tools suite that has live tools set to record, and those suites' names.</summary>
    public static (CiGateConfig Config, IReadOnlyList<string> Recording) RecordLiveTools(CiGateConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var recording = new List<string>();
        var suites = config.Suites.Select(s =>
        {
            if (s is ToolsSuite { Replay: not null } tools && tools.Mocks.Values.Any(m => m.Live is not null))
            {
                recording.Add(s.Name);
                return tools with { Record = true };
            }

            return s;
        }).ToList();
        return (config with { Suites = suites }, recording);
    }
}
