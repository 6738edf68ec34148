using System.CommandLine;
using System.Text;
using CiGate.Core.History.Rendering;
using CiGate.History;

namespace CiGate.Cli.Commands;

/// <summary>`cigate history site --out DIR`: a static HTML dashboard for GitHub Pages.</summary>
internal static class HistorySiteCommand
{
    public static Command Create(TextWriter stdout)
    {
        var output = new Option<string>("--out", "-o") { Description = "Folder to write the site into", Required = true };
        var branch = new Option<string?>("--branch") { Description = "Trends of this branch only (default: every run)" };
        var last = new Option<int?>("--last") { Description = "At most N newest points per trend" };
        var title = new Option<string>("--title") { Description = "Page title", DefaultValueFactory = _ => "CiGate history" };
        var command = new Command("site", "Write a self-contained static HTML dashboard: trends, releases, runs") { output, branch, last, title };
        var store = HistoryOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using var history = await HistoryStores.OpenAsync(store.Location(parse), ct);
            var files = await HistorySite.BuildAsync(history, new SiteOptions(parse.GetValue(title)!, parse.GetValue(branch), parse.GetValue(last)), ct);
            var folder = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(folder);
            foreach (var (name, content) in files)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, name), content, new UTF8Encoding(false), ct);
            }

            await stdout.WriteLineAsync($"site: {Path.Combine(folder, HistorySite.IndexFile)}");
            return 0;
        });
        return command;
    }
}
