using System.CommandLine;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Prompts.Import;

namespace CiGate.Cli.Commands;

/// <summary>
/// <c>cigate import promptfoo FILE</c>: converts a promptfoo config into a CiGate config. Anything
/// that would make the converted config test less than the original (a refused assertion or
/// transform, an unreadable tests file, ...) is an error (CIGATE0080, exit 2) and nothing is
/// written, unless <c>--allow-partial</c>: then it is a warning, listed in the file's header and
/// left as a TODO comment. Notes that do not change what is tested are warnings either way.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = new Argument<string>("promptfoo-config") { Description = "The promptfoo config to convert (promptfooconfig.yaml)" };
        var output = new Option<string?>("--out") { Description = $"Where to write the CiGate config (default: {ConfigLoader.DefaultFileName} next to the promptfoo config)" };
        var suite = new Option<string?>("--suite") { Description = "The suite's name (default: from the promptfoo description)" };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file" };
        var partial = new Option<bool>("--allow-partial") { Description = "Write the config even if it tests less than the promptfoo config (what was dropped is listed at its top)" };
        var promptfoo = new Command("promptfoo", "Convert a promptfoo config (prompts, providers, tests, assertions) into a CiGate config") { input, output, suite, force, partial };
        promptfoo.SetAction(async (parse, ct) =>
        {
            var source = Path.GetFullPath(parse.GetValue(input)!);
            var target = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(Path.GetDirectoryName(source)!, ConfigLoader.DefaultFileName));
            if (File.Exists(target) && !parse.GetValue(force))
            {
                throw new CiGateException(new Diagnostic(DiagnosticCodes.InvalidValue, "file exists; pass --force to overwrite it", target));
            }

            var result = PromptfooImporter.Convert(source, target, parse.GetValue(suite));
            var dropped = result.Warnings.Where(w => w.Dropped).ToList();
            if (dropped.Count > 0 && !parse.GetValue(partial))
            {
                foreach (var kept in result.Warnings.Where(w => !w.Dropped))
                {
                    await stderr.WriteLineAsync(kept.ToString());
                }

                throw new CiGateException([.. dropped.Select(w => new Diagnostic(
                    DiagnosticCodes.ImportIncomplete, $"not converted, the result would test less: {w.Message}; pass --allow-partial to write it without this", w.File, w.Line, w.Column))]);
            }

            foreach (var warning in result.Warnings)
            {
                await stderr.WriteLineAsync(warning.ToString());
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllTextAsync(target, result.Yaml, ct);
            foreach (var (relative, text) in result.Files)
            {
                // The shims the converted script providers run; rewritten each import (they are cigate's, not yours).
                var file = Path.Combine(Path.GetDirectoryName(target)!, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                await File.WriteAllTextAsync(file, text, ct);
                await stdout.WriteLineAsync($"wrote {file}");
            }
            var note = result.Warnings.Count == 0 ? "" : $" with {result.Warnings.Count} warning(s): see the TODO comments in it";
            await stdout.WriteLineAsync($"wrote {target}{note}; check it with 'cigate validate {target}'");
            return ExitCodes.Pass;
        });
        return new Command("import", "Convert another tool's config into a CiGate config") { promptfoo };
    }
}
