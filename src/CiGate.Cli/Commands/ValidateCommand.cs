using System.CommandLine;
using System.Text.Json.Nodes;
using CiGate.Cli.Output;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Running;

namespace CiGate.Cli.Commands;

/// <summary>
/// Checks a config, its datasets and its templates (rendering the first item) without calling a
/// model. What `run` would refuse under the trust given here (the same options and variables) is
/// reported as warnings, one line each at the key, so a lint job shows it before a run does.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var config = CommonOptions.ConfigArgument();
        var allowCommands = CommonOptions.AllowCommandsOption();
        var trustedHosts = CommonOptions.TrustedHostsOption();
        var json = JsonOutput.Option();
        var command = new Command("validate", "Check a config, its datasets and templates without calling any model; warn about what run would refuse under the trust given")
        {
            config, allowCommands, trustedHosts, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var loaded = ConfigLoader.Load(parse.GetValue(config)!);
            var plans = PlanBuilder.Build(loaded);
            var diagnostics = new DiagnosticBag();
            foreach (var plan in plans.DistinctBy(p => p.Suite.Name))
            {
                try
                {
                    plan.Preview();
                }
                catch (CiGateException ex)
                {
                    foreach (var diagnostic in ex.Diagnostics)
                    {
                        diagnostics.Add(diagnostic);
                    }
                }
            }

            diagnostics.ThrowIfAny();
            var refusals = CommonOptions.Trust(parse, allowCommands, trustedHosts).Refusals(loaded.Privileges);
            foreach (var refusal in refusals)
            {
                await stderr.WriteLineAsync(refusal.ToWarningString());
            }

            var items = plans.DistinctBy(p => p.Suite.Name).Sum(p => p.ItemCount * p.Repeats);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(stdout, new JsonObject
                {
                    ["ok"] = true,
                    ["config"] = loaded.SourcePath,
                    ["suites"] = new JsonArray([.. loaded.Suites.Select(Suite)]),
                    ["targets"] = Strings(loaded.Targets.Select(t => t.Name)),
                    ["samples_per_target"] = items,
                    ["warnings"] = Strings(refusals.Select(r => r.ToWarningString())),
                });
                return ExitCodes.Pass;
            }

            await stdout.WriteLineAsync($"ok: {loaded.Suites.Count} suite(s), {loaded.Targets.Count} target(s), {items} sample(s) per target in {loaded.SourcePath}{(refusals.Count == 0 ? "" : $", {refusals.Count} warning(s): run would refuse these")}");
            return ExitCodes.Pass;
        });
        return command;
    }

    private static JsonNode Suite(SuiteDefinition suite) =>
        new JsonObject { ["name"] = suite.Name, ["kind"] = suite.Kind, ["targets"] = Strings(suite.Targets) };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
