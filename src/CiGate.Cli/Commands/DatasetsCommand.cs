using System.CommandLine;
using System.Globalization;
using CiGate.Core.Datasets.Public;
using CiGate.Core.Diagnostics;

namespace CiGate.Cli.Commands;

/// <summary>
/// `cigate datasets`: the public datasets the presets read (source, licence, whether they are here),
/// and `cigate datasets fetch NAME...` to download them with a hash check.
/// </summary>
internal static class DatasetsCommand
{
    private const string DefaultDirectory = "datasets";

    public static Command Create(TextWriter stdout)
    {
        var command = new Command("datasets", "The public datasets the presets read: where they come from, and fetching them")
        {
            List(stdout),
            Fetch(stdout),
        };
        command.SetAction(async (parse, ct) =>
        {
            await ListAsync(stdout, DefaultDirectory, ct);
            return ExitCodes.Pass;
        });
        return command;
    }

    private static Option<string> DirOption(string description) =>
        new("--dir") { Description = description, DefaultValueFactory = _ => DefaultDirectory };

    private static Command List(TextWriter stdout)
    {
        var directory = DirOption("Where datasets live: DIR/NAME/...");
        var list = new Command("list", "List the public datasets the presets read, and whether each is in --dir") { directory };
        list.SetAction(async (parse, ct) =>
        {
            await ListAsync(stdout, parse.GetValue(directory)!, ct);
            return ExitCodes.Pass;
        });
        return list;
    }

    private static Command Fetch(TextWriter stdout)
    {
        var names = new Argument<string[]>("name")
        {
            Description = "Datasets to fetch (see 'cigate datasets list')",
            Arity = ArgumentArity.OneOrMore,
        };
        var directory = DirOption("Where to write them: DIR/NAME/...");
        var mirror = new Option<string?>("--mirror")
        {
            Description = "Fetch from this HTTP server (holding NAME/PATH) instead of the publishers; also CIGATE_DATASETS_MIRROR",
        };
        var fetch = new Command("fetch", "Download datasets from their publishers and check each file's SHA-256")
        {
            names, directory, mirror,
        };
        fetch.SetAction(async (parse, ct) =>
        {
            var datasets = parse.GetValue(names)!.Select(Find).ToList();
            var mirrorUrl = parse.GetValue(mirror) ?? Environment.GetEnvironmentVariable("CIGATE_DATASETS_MIRROR");
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            var fetcher = new DatasetFetcher(http, string.IsNullOrEmpty(mirrorUrl) ? null : new Uri(mirrorUrl.TrimEnd('/') + "/"));
            var written = parse.GetValue(directory)!;
            var root = Path.GetFullPath(written);
            foreach (var dataset in datasets)
            {
                var files = await fetcher.FetchAsync(dataset, root, ct);
                var downloaded = files.Count(f => f.Downloaded);
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{dataset.Name}: {files.Count} file(s) in {Path.Combine(root, dataset.Name)}, SHA-256 checked " +
                    $"({downloaded} downloaded, {files.Count - downloaded} already there)"));
                await stdout.WriteLineAsync($"  in a suite: preset: {dataset.Preset}, {PathHint(dataset, written)}");
            }

            return ExitCodes.Pass;
        });
        return fetch;
    }

    private static PublicDataset Find(string name) =>
        PublicDatasets.Find(name) ?? throw new CiGateException(new Diagnostic(
            DiagnosticCodes.DatasetUnknown,
            $"unknown dataset '{name}'; known: {string.Join(", ", PublicDatasets.All.Select(d => d.Name))}"));

    private static async Task ListAsync(TextWriter stdout, string directory, CancellationToken ct)
    {
        await stdout.WriteLineAsync($"{"name",-9} {"preset",-9} {"here",-5} {"licence",-11} source");
        foreach (var dataset in PublicDatasets.All)
        {
            var here = dataset.Files.Count == 0 ? "-"
                : await DatasetFetcher.IsPresentAsync(dataset, directory, ct) ? "yes" : "no";
            await stdout.WriteLineAsync($"{dataset.Name,-9} {dataset.Preset,-9} {here,-5} {dataset.Licence,-11} {dataset.Source}");
            await stdout.WriteLineAsync($"{"",-9} {dataset.Description}");
            if (dataset.Note is not null)
            {
                await stdout.WriteLineAsync($"{"",-9} not fetched by cigate: {dataset.Note}");
            }
        }

        await stdout.WriteLineAsync($"fetch with 'cigate datasets fetch NAME' (into {directory}/NAME, each file's SHA-256 checked)");
    }

    private static string PathHint(PublicDataset dataset, string directory) =>
        dataset.Preset == "bfcl"
            ? $"bfcl: {{ dataset: {directory}/{dataset.PresetPath} }}"
            : $"dataset: {{ path: {directory}/{dataset.PresetPath} }}";
}
