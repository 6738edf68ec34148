using CiGate.Core.Targets.Exec;
using CiGate.Core.Targets;

namespace CiGate.Core.Config.TargetReaders;

/// <summary>Prepares a config's exec targets for a run, once every target has its address.</summary>
public static class ExecTargets
{
    /// <summary>
    /// Gives each exec target the base URLs of the config's targets (after simulators are started, so
    /// <c>${target:NAME.base_url}</c> is the port they listen on), the results folder for its log, and
    /// the variables other targets read secrets from (withheld from the process).
    /// </summary>
    public static CiGateConfig Bind(CiGateConfig config, string resultsFolder)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Targets.All(t => t.Config.Exec is null))
        {
            return config;
        }

        var urls = config.Targets
            .Where(t => t.Config.Exec is null)
            .ToDictionary(t => t.Name, t => t.Config.BaseUrl, StringComparer.Ordinal);
        var withheld = config.Targets
            .SelectMany(t => TargetSecrets.VariablesOf(t.Config))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var folder = Path.GetFullPath(resultsFolder);
        var targets = config.Targets
            .Select(t => t.Config.Exec is { } spec
                ? t with
                {
                    Config = t.Config with
                    {
                        Exec = spec with { TargetUrls = urls, LogDirectory = folder, WithheldVariables = withheld },
                    },
                }
                : t)
            .ToList();
        return config with { Targets = targets };
    }
}
