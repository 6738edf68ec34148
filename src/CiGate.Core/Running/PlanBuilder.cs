using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites;

namespace CiGate.Core.Running;

/// <summary>Expands a config into one plan per suite × target, loading each dataset once.</summary>
public static class PlanBuilder
{
    public static IReadOnlyList<ISuitePlan> Build(CiGateConfig config, IReadOnlyCollection<string>? onlySuites = null, int? limit = null)
    {
        if (onlySuites is { Count: > 0 })
        {
            var unknown = onlySuites.Where(s => config.Suites.All(d => d.Name != s)).ToList();
            if (unknown.Count > 0)
            {
                throw new CiGateException(new Diagnostic(DiagnosticCodes.UnknownReference, $"no suite named {string.Join(", ", unknown.Select(u => $"'{u}'"))}; the config has {string.Join(", ", config.Suites.Select(s => s.Name))}", config.SourcePath));
            }
        }

        var context = new PlanContext(config, limit);
        var plans = new List<ISuitePlan>();
        var diagnostics = new DiagnosticBag();
        foreach (var suite in config.Suites.Where(s => onlySuites is not { Count: > 0 } || onlySuites.Contains(s.Name)))
        {
            try
            {
                plans.AddRange(SuiteKinds.Get(suite.Kind).Plans(suite, context));
            }
            catch (CiGateException ex) when (ex.ExitCode == ExitCodes.UsageOrConfig)
            {
                foreach (var diagnostic in ex.Diagnostics)
                {
                    diagnostics.Add(diagnostic);
                }
            }
        }

        diagnostics.ThrowIfAny();
        return plans;
    }
}
