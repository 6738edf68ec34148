using System.CommandLine;
using CiGate.Core.Config;

namespace CiGate.Cli.Commands;

internal static class CommonOptions
{
    public static Argument<string> ConfigArgument()
    {
        var argument = new Argument<string>("config")
        {
            Description = "A config file, or a folder whose *.yml files are read as one config",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => ConfigLoader.DefaultFileName,
        };

        // An unknown option lands here as a "path"; say it is an option, not a missing file.
        argument.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: var value }] && value.StartsWith('-'))
            {
                result.AddError($"unknown option '{value}'");
            }
        });
        return argument;
    }

    /// <summary>--allow-commands, for `run` (which enforces it) and `validate` (which reports what it would refuse).</summary>
    public static Option<bool> AllowCommandsOption() =>
        new("--allow-commands") { Description = $"Let the config start processes (a perf suite's server.command); also {TrustPolicy.CommandsVariable}=1. Set it in the workflow, never from the config under test" };

    /// <summary>--trusted-host, for `run` and `validate`.</summary>
    public static Option<string[]> TrustedHostsOption() =>
        new("--trusted-host") { Description = $"A host the config may send secrets to (api_key_env, header ${{env:NAME}}); repeatable, *.domain for subdomains; also {TrustPolicy.HostsVariable}. Loopback is always trusted" };

    /// <summary>The trust the workflow gives: the two options plus their environment variables.</summary>
    public static TrustPolicy Trust(ParseResult parse, Option<bool> allowCommands, Option<string[]> trustedHosts) =>
        TrustPolicy.From(parse.GetValue(allowCommands), parse.GetValue(trustedHosts) ?? [], Environment.GetEnvironmentVariable);
}
