using CiGate.Core.Diagnostics;

namespace CiGate.Core.Config;

/// <summary>
/// A suite's <c>inputs:</c>: globs of the files, relative to the config's folder, whose change
/// should re-run it under <c>cigate run --changed-since</c> (prompts, templates, datasets, scripts,
/// the application's code). The files the suite references already count (its hashes cover them).
/// </summary>
internal static class InputsReader
{
    public static IReadOnlyList<string> Read(MapReader map)
    {
        var globs = map.Strings("inputs") ?? [];
        foreach (var glob in globs.Where(g => g.Trim().Length == 0 || Path.IsPathRooted(g)))
        {
            map.Context.Report(
                DiagnosticCodes.InvalidValue, map.Get("inputs")!,
                $"'{map.Section}.inputs' holds '{glob}'; "
                + "give globs relative to the config's folder, e.g. prompts/**/*.txt");
        }

        return globs;
    }
}
