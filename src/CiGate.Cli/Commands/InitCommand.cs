using System.CommandLine;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;

namespace CiGate.Cli.Commands;

/// <summary>
/// Writes a starter config of one suite kind, with the files it reads (data, prompts, simulator
/// scripts), that validates and runs against the built-in simulator as written.
/// </summary>
internal static class InitCommand
{
    private const string Prefix = "starter/";

    /// <summary>Where init puts the schema, beside the results (regenerate with `cigate schema`).</summary>
    private const string SchemaPath = ".cigate/cigate.schema.json";

    private const string SchemaLine = "# yaml-language-server: $schema=" + SchemaPath + "\n";

    public static readonly IReadOnlyList<string> Kinds = ["prompts", "accuracy", "safety", "tools", "perf"];

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = new Argument<string>("path")
        {
            Description = "Where to write the config; the files it reads go beside it",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => ConfigLoader.DefaultFileName,
        };
        var kind = new Option<string>("--kind", "-k")
        {
            Description = "The suite kind to start from",
            DefaultValueFactory = _ => "prompts",
        };
        kind.AcceptOnlyFromAmong([.. Kinds]);
        var force = new Option<bool>("--force") { Description = "Overwrite files that exist" };
        var command = new Command("init", "Write a starter cigate.yml of one suite kind that runs against the simulator")
        {
            path, kind, force,
        };
        command.SetAction(async (parse, ct) =>
        {
            var config = Path.GetFullPath(parse.GetValue(path)!);
            var folder = Path.GetDirectoryName(config)!;
            var files = Files(parse.GetValue(kind)!)
                .Select(f => (f.Resource, Target: f.Relative == ConfigLoader.DefaultFileName ? config : Path.Combine(folder, f.Relative)))
                .ToList();
            var existing = files.Where(f => File.Exists(f.Target)).Select(f => f.Target).ToList();
            if (existing.Count > 0 && !parse.GetValue(force))
            {
                throw new CiGateException([.. existing.Select(e => new Diagnostic(DiagnosticCodes.InvalidValue, "file exists; pass --force to overwrite it", e))]);
            }

            foreach (var (resource, target) in files)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using var source = typeof(InitCommand).Assembly.GetManifestResourceStream(resource)!;
                await using var destination = File.Create(target);
                if (target == config)
                {
                    // Editors with yaml-language-server (VS Code's YAML extension, JetBrains) complete keys
                    // and flag typos from the schema this version of cigate reads.
                    await destination.WriteAsync(System.Text.Encoding.UTF8.GetBytes(SchemaLine), ct);
                }

                await source.CopyToAsync(destination, ct);
            }

            var schema = Path.Combine(folder, SchemaPath);
            Directory.CreateDirectory(Path.GetDirectoryName(schema)!);
            await File.WriteAllTextAsync(schema, await SchemaCommand.ReadAsync(ct), ct);

            var shown = parse.GetValue(path)!;
            await stdout.WriteLineAsync($"wrote {shown} ({parse.GetValue(kind)} suite) and {files.Count - 1} file(s) it reads, in {folder}");
            await stdout.WriteLineAsync(shown == ConfigLoader.DefaultFileName
                ? "next: 'cigate run' (the simulator answers; no key, no GPU), then point a target at your endpoint"
                : $"next: 'cigate run {shown}' (the simulator answers; no key, no GPU), then point a target at your endpoint");
            return ExitCodes.Pass;
        });
        return command;
    }

    /// <summary>The embedded files of one kind: resource name and path relative to the config's folder.</summary>
    private static IEnumerable<(string Resource, string Relative)> Files(string kind) =>
        typeof(InitCommand).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix + kind + "/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n, n[(Prefix.Length + kind.Length + 1)..].Replace('\\', '/')));
}
