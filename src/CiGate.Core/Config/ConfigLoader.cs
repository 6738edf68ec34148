using CiGate.Core.Diagnostics;
using CiGate.Core.Suites;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Config;

/// <summary>
/// Loads cigate.yml (or every *.yml in a folder) into a validated <see cref="CiGateConfig"/>.
/// Reports every problem at once as a <see cref="CiGateException"/>; never touches the network.
/// </summary>
public static class ConfigLoader
{
    public const string DefaultFileName = "cigate.yml";

    public static CiGateConfig Load(string path)
    {
        var diagnostics = new DiagnosticBag();
        var fullPath = Path.GetFullPath(path);
        var files = FindFiles(fullPath, diagnostics);
        var baseDirectory = Directory.Exists(fullPath) ? fullPath : Path.GetDirectoryName(fullPath)!;
        var context = new YamlContext(diagnostics, files.FirstOrDefault() ?? fullPath);

        var targets = new List<TargetDefinition>();
        var suiteNodes = new List<(string Name, YamlNode KeyNode, YamlNode Value)>();
        var cache = new CacheSettings(false, Path.Combine(baseDirectory, ".cigate", "cache"));
        CoverageGateSettings? coverageGate = null;
        Costs.Budget? budget = null;
        foreach (var file in files)
        {
            var root = YamlContext.Parse(File.ReadAllText(file), file, diagnostics);
            if (root is null)
            {
                continue;
            }

            context.Tag(root, file);
            var map = MapReader.From(root, context, "config")!;
            map.Int("version", 1, 1);

            if (map.Map("targets") is { } targetMap)
            {
                foreach (var (name, keyNode, value) in targetMap.Entries())
                {
                    if (targets.Any(t => t.Name == name))
                    {
                        context.Report(DiagnosticCodes.DuplicateName, keyNode, $"target '{name}' is defined twice");
                    }
                    else if (TargetReader.Read(name, value, context, Path.GetDirectoryName(file)!) is { } target)
                    {
                        targets.Add(target);
                    }
                }
            }

            if (BudgetReader.Read(map.Map("budget")) is { } runBudget)
            {
                budget = runBudget;
            }

            if (map.Map("suites") is { } suiteMap)
            {
                suiteNodes.AddRange(suiteMap.Entries());
            }

            if (map.Map("cache") is { } cacheMap)
            {
                var dir = cacheMap.String("dir");
                cache = new CacheSettings(cacheMap.Bool("enabled") ?? true, dir is null ? cache.Directory : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, dir)));
                cacheMap.Finish();
            }

            if (CoverageGateReader.Read(map.Map("coverage")) is { } gate)
            {
                if (coverageGate is not null)
                {
                    context.Report(DiagnosticCodes.DuplicateName, map.Node.Children[new YamlScalarNode("coverage")],
                        "the coverage gate is defined twice (one 'coverage:' section per config folder)");
                }

                coverageGate = gate;
            }

            map.Finish();
        }

        TargetReaders.ExecTargetReader.CheckReferences(targets, diagnostics);
        var suites = ReadSuites(suiteNodes, targets, context, baseDirectory);
        if (files.Count > 0 && suites.Count == 0 && !diagnostics.HasErrors)
        {
            diagnostics.Add(DiagnosticCodes.MissingKey, "the config declares no suites", files[0], 1, 1);
        }

        diagnostics.ThrowIfAny();
        return new CiGateConfig(fullPath, baseDirectory, targets, suites, cache)
        {
            Privileges = [.. context.Privileges],
            CoverageGate = coverageGate,
            Budget = budget,
        };
    }

    private static List<string> FindFiles(string fullPath, DiagnosticBag diagnostics)
    {
        if (File.Exists(fullPath))
        {
            return [fullPath];
        }

        if (Directory.Exists(fullPath))
        {
            var files = Directory.EnumerateFiles(fullPath)
                // *.yml only: a folder's *.yaml files are the suites' own data (simulator scripts,
                // promptfoo configs, tool recordings), read by the suites that name them.
                .Where(f => f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0)
            {
                diagnostics.Add(DiagnosticCodes.ConfigNotFound, "the folder holds no .yml config files", fullPath);
            }

            return files;
        }

        diagnostics.Add(DiagnosticCodes.ConfigNotFound, "config not found (run 'cigate init' to write a starter config)", fullPath);
        return [];
    }

    private static List<SuiteDefinition> ReadSuites(List<(string Name, YamlNode KeyNode, YamlNode Value)> nodes, List<TargetDefinition> targets, YamlContext context, string baseDirectory)
    {
        var suites = new List<SuiteDefinition>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, keyNode, value) in nodes)
        {
            if (!names.Add(name))
            {
                context.Report(DiagnosticCodes.DuplicateName, keyNode, $"suite '{name}' is defined twice");
                continue;
            }

            var map = MapReader.From(value, context, $"suites.{name}");
            if (map is null)
            {
                continue;
            }

            var header = ReadHeader(name, map, targets);
            var budget = BudgetReader.Read(map.Map("budget"));
            var inputs = InputsReader.Read(map);
            var reuse = ReuseReader.Read(map.Map("reuse"));
            var pairwise = Suites.PairwiseReader.Read(map, header, baseDirectory);
            var graderLabels = GraderLabelsReader.Read(map, header, baseDirectory);
            var suite = SuiteKinds.Find(header.Kind)?.Read(header, map, baseDirectory);
            if (suite is not null)
            {
                suites.Add(suite with
                {
                    Gate = header.Gate, Budget = budget, Inputs = inputs, Reuse = reuse, Pairwise = pairwise,
                    GraderLabels = graderLabels,
                });
            }
        }

        return suites;
    }

    private static SuiteHeader ReadHeader(string name, MapReader map, List<TargetDefinition> targets)
    {
        // The preset merges first, so a preset can imply its kind (xstest: kind: safety); the suite's own kind still wins.
        var preset = map.String("preset");
        if (preset is not null && !Presets.TryMerge(preset, map.Node, map.Context))
        {
            Presets.ReportUnknown(preset, map.Get("preset")!, map.Context);
        }

        var kind = map.String("kind") ?? SuiteKinds.DefaultName;
        if (SuiteKinds.Find(kind) is null)
        {
            map.Context.Report(DiagnosticCodes.InvalidValue, map.Get("kind")!, $"unknown suite kind '{kind}'; this version runs: {string.Join(", ", SuiteKinds.Names)}");
        }

        var names = map.Strings("targets") ?? [.. targets.Where(t => t.Role == TargetRole.Model).Select(t => t.Name)];
        foreach (var target in names)
        {
            if (targets.All(t => t.Name != target))
            {
                var hint = Suggest.Closest(target, targets.Select(t => t.Name));
                map.Context.Report(DiagnosticCodes.UnknownReference, map.Get("targets")!, $"suite '{name}' uses target '{target}', which is not defined{(hint is null ? "" : $"; did you mean '{hint}'?")}");
            }
        }

        if (names.Count == 0)
        {
            map.Context.Report(DiagnosticCodes.MissingKey, map.Node, $"suite '{name}' has no target to run on; define one under 'targets:'");
        }

        return new SuiteHeader(name, kind, names, preset, GateReader.Read(map.Map("gate"), kind))
        {
            Defined = [.. targets.Select(t => t.Name)],
            Graders = [.. targets.Where(t => t.Role == TargetRole.Grader).Select(t => t.Name)],
            Applications = TargetReaders.ApplicationTargets.Of(targets),
        };
    }
}
