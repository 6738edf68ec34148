using System.CommandLine;
using CiGate.Core.Config;
using CiGate.Core.Coverage;
using CiGate.Core.Diagnostics;
using CiGate.Core.Targets;

namespace CiGate.Cli.Commands;

/// <summary>
/// `cigate draft-tests --traffic FILE --cluster ID...`: drafts prompt test cases from the redacted exemplars of the
/// clusters `cigate coverage` numbered (same traffic, --suite and --embedder give the same numbers), with
/// assertions a generator target proposes, every case marked `unreviewed: true` (runs and reports, never gates).
/// Without a generator it refuses, unless told `--no-assertions`: a case without an assertion cannot fail.
/// </summary>
internal static class DraftTestsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var traffic = new Option<string>("--traffic")
        {
            Description = "The traffic file 'cigate coverage' measured", Required = true,
        };
        var clusters = new Option<int[]>("--cluster")
        {
            Description = "A cluster id of the coverage report (repeatable; e.g. --cluster 1 --cluster 3)",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var suite = new Option<string?>("--suite")
        {
            Description = "The prompts suite whose prompts and targets the drafts use "
                + "(and whose cases coverage compares with)",
        };
        var var = new Option<string?>("--var")
        {
            Description = "The var the traffic text fills (default: the suite's only one)",
        };
        var name = new Option<string?>("--name")
        {
            Description = "The drafted suite's name (default: SUITE-drafted, or drafted)",
        };
        var config = new Option<string>("--config")
        {
            Description = "The config file or folder", DefaultValueFactory = _ => ConfigLoader.DefaultFileName,
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "The config file to write", DefaultValueFactory = _ => "drafted.yml",
        };
        var generator = new Option<string?>("--generator")
        {
            Description = "The target that proposes assertions (default: the one with role: generator)",
        };
        var noAssertions = new Option<bool>("--no-assertions")
        {
            Description = "Without a generator: write the cases with no assertion",
        };
        var perCluster = new Option<int>("--per-cluster")
        {
            Description = "Cases per cluster (its distinct exemplars nearest the centre)", DefaultValueFactory = _ => 3,
        };
        var embedder = CoverageEmbedding.Option();
        var command = new Command("draft-tests",
            "Draft unreviewed prompt test cases from the redacted exemplars of traffic clusters "
                + "(see 'cigate coverage')")
        {
            traffic, clusters, suite, var, name, config, output, generator, noAssertions, perCluster, embedder,
        };
        command.SetAction(async (parse, ct) =>
        {
            var loaded = ConfigLoader.Load(parse.GetValue(config)!);
            var only = parse.GetValue(suite) is { } s ? new[] { s } : null;
            var outPath = Path.GetFullPath(parse.GetValue(output)!);
            var target = CaseDrafter.Target(loaded, parse.GetValue(suite), parse.GetValue(var), parse.GetValue(name),
                Path.GetDirectoryName(outPath)!);
            var generatorTarget = Generator(loaded, parse.GetValue(generator), parse.GetValue(noAssertions));
            var cases = SuiteCases.Named(loaded, only);
            var records = TrafficReader.Read(parse.GetValue(traffic)!);
            var analysis = await CoverageEmbedding.AnalyzeAsync(loaded, parse.GetValue(embedder)!, records,
                [.. cases.Select(c => c.Text)], stderr, ct);
            var drafts = new List<(CoverageCluster Cluster, int Exemplar, string Text)>();
            foreach (var id in parse.GetValue(clusters)!.Distinct())
            {
                var cluster = analysis.Report.Clusters.FirstOrDefault(c => c.Id == id)
                    ?? throw new CiGateException(new Diagnostic(DiagnosticCodes.DraftClusterUnknown,
                        $"--cluster {id}: the coverage analysis has clusters 1 to {analysis.Report.Clusters.Count} "
                        + "(run 'cigate coverage' with the same --traffic, --suite and --embedder to see them)"));
                var nearest = analysis.NearestRecords.GetValueOrDefault(id) ?? [];
                drafts.AddRange(nearest.Take(Math.Max(1, parse.GetValue(perCluster)))
                    .Select((record, i) => (cluster, i + 1, records[record].Text)));
            }

            var drafted = await ProposeAsync(loaded, generatorTarget, target, drafts, ct);
            var source = $"{Path.GetFileName(parse.GetValue(traffic)!)}, clusters "
                + string.Join(", ", drafted.Select(d => d.Cluster.Id).Distinct())
                + $" (embedder {parse.GetValue(embedder)})";
            Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
            await File.WriteAllTextAsync(outPath, CaseDrafter.Yaml(target, drafted, source), ct);
            var bare = drafted.Count(d => d.Assertions.Count == 0);
            await stdout.WriteLineAsync(
                $"drafted {drafted.Count} unreviewed case(s) from "
                + $"{drafted.Select(d => d.Cluster.Id).Distinct().Count()} cluster(s) into suite "
                + $"'{target.SuiteName}' in {parse.GetValue(output)}"
                + (generatorTarget is null
                    ? " (no generator: no assertions)"
                    : $", assertions proposed by {generatorTarget.Name}"));
            if (bare > 0)
            {
                await stdout.WriteLineAsync(
                    $"{bare} case(s) have no assertion: add one before removing `unreviewed`, or the case cannot fail");
            }

            return ExitCodes.Pass;
        });
        return command;
    }

    private static TargetDefinition? Generator(CiGateConfig config, string? named, bool noAssertions)
    {
        if (named is not null)
        {
            return config.Targets.FirstOrDefault(t => t.Name == named)
                ?? throw new CiGateException(new Diagnostic(DiagnosticCodes.DraftNoGenerator,
                    $"--generator '{named}' names no target of the config", config.SourcePath));
        }

        var generators = config.Targets.Where(t => t.Role == TargetRole.Generator).ToList();
        if (generators.Count == 1)
        {
            return generators[0];
        }

        if (generators.Count == 0 && noAssertions)
        {
            return null;
        }

        throw new CiGateException(new Diagnostic(DiagnosticCodes.DraftNoGenerator,
            generators.Count == 0
                ? "no generator to propose assertions: give --generator TARGET, add a target with role: generator, "
                    + "or pass --no-assertions to draft cases without any (they cannot fail until you add one)"
                : $"several targets have role: generator ({string.Join(", ", generators.Select(g => g.Name))}); "
                    + "pick one with --generator",
            config.SourcePath));
    }

    private static async Task<List<DraftedCase>> ProposeAsync(CiGateConfig config, TargetDefinition? generator,
        DraftTarget target, List<(CoverageCluster Cluster, int Exemplar, string Text)> drafts, CancellationToken ct)
    {
        if (generator is null)
        {
            return [.. drafts.Select(d => new DraftedCase(d.Cluster, d.Exemplar, d.Text, [], "no generator"))];
        }

        await using var simulators = new SimulatorLauncher();
        var started = await simulators.StartAsync(config, ct);
        var definition = started.Targets.First(t => t.Name == generator.Name);
        await using var client = TargetClientFactory.Create(definition.Config);
        var names = config.Targets.Select(t => t.Name).ToList();
        var drafted = new DraftedCase[drafts.Count];
        await Parallel.ForAsync(0, drafts.Count, new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, definition.Config.Concurrency),
            CancellationToken = ct,
        }, async (i, token) =>
        {
            var (cluster, exemplar, text) = drafts[i];
            var request = new ModelRequest(TargetApi.Chat, CaseDrafter.GeneratorMessages(text), null, 512, [], 0,
                definition.Config.Seed);
            string reply;
            try
            {
                reply = (await client.CompleteAsync(request, token)).Text;
            }
            catch (TargetException ex)
            {
                throw new CiGateException(new Diagnostic(DiagnosticCodes.DraftNoGenerator,
                    $"generator '{generator.Name}' failed: {ex.Message}", config.SourcePath));
            }

            var kept = CaseDrafter.Accept(reply, target, config.BaseDirectory, names, out var note);
            drafted[i] = new DraftedCase(cluster, exemplar, text, kept, note);
        });
        return [.. drafted];
    }
}
