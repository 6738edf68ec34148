using CiGate.Core.Diagnostics;
using CiGate.Core.Targets.Exec;
using CiGate.Core.Targets;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Config.TargetReaders;

/// <summary>
/// <c>targets.NAME</c> with <c>type: exec</c>: <c>command</c> (argv list, or a string split like a
/// shell would, without one), <c>working_dir</c>, <c>env</c>, <c>mode</c>, <c>concurrency</c>,
/// <c>timeout</c>, <c>startup_timeout</c>, <c>stop_timeout</c>, <c>max_restarts</c>, <c>retries</c>,
/// <c>temperature</c>, <c>seed</c>, <c>model</c> and <c>role</c>. Starting the command is a
/// <see cref="PrivilegeKind.Command"/> the run must be given (--allow-commands).
/// </summary>
internal static class ExecTargetReader
{
    private static readonly Dictionary<string, ExecMode> Modes = new(StringComparer.Ordinal)
    {
        ["server"] = ExecMode.Server,
        ["once"] = ExecMode.Once,
    };

    private static readonly Dictionary<string, TargetRole> Roles = new(StringComparer.Ordinal)
    {
        ["model"] = TargetRole.Model,
        ["grader"] = TargetRole.Grader,
    };

    public static TargetDefinition Read(string name, MapReader map, string baseDirectory)
    {
        var places = new Dictionary<string, SourcePlace>(StringComparer.Ordinal);
        var command = ReadCommand(map, places);
        if (map.Get("command") is { } commandNode)
        {
            var place = map.Context.PlaceOf(commandNode);
            map.Context.Privileges.Add(
                new Privilege(PrivilegeKind.Command, $"targets.{name}.command", name, "a process", null, place));
        }

        var workingDir = map.String("working_dir") ?? ".";
        var environment = ReadEnvironment(map.Map("env"), places);
        var mode = map.Choice("mode", Modes) ?? ExecMode.Server;
        var spec = new ExecSpec(
            command,
            Path.GetFullPath(Path.Combine(baseDirectory, workingDir)),
            environment,
            mode,
            Positive(map, "startup_timeout") ?? ExecSpec.DefaultStartupTimeout,
            Positive(map, "stop_timeout") ?? ExecSpec.DefaultStopTimeout,
            map.Int("max_restarts", 0, 1000) ?? ExecSpec.DefaultMaxRestarts)
        {
            WorkingDirectoryAsWritten = workingDir,
            Places = places,
        };
        var config = new TargetConfig(
            name,
            new Uri($"exec:{Uri.EscapeDataString(name)}"),
            map.String("model") ?? name,
            null,
            new Dictionary<string, string>(),
            TargetApi.Chat,
            map.Int("concurrency", 1, 4096) ?? 16,
            Positive(map, "timeout") ?? TimeSpan.FromSeconds(60),
            TargetReader.ReadRetry(map.Map("retries")),
            map.Double("temperature", 0, 2) ?? 0,
            map.Int("seed") ?? 1234,
            ExecIdentity.Of(spec))
        {
            Places = places,
            Exec = spec,
        };
        var role = map.Choice("role", Roles) ?? TargetRole.Model;
        map.Finish();
        return new TargetDefinition(config, null) { Role = role };
    }

    /// <summary>
    /// Reports every <c>${target:NAME.base_url}</c> that names no endpoint target of the config (exit 2, at the value).
    /// </summary>
    public static void CheckReferences(IReadOnlyList<TargetDefinition> targets, DiagnosticBag diagnostics)
    {
        // An exec target has no base URL: only endpoint targets (model, simulator) can be referred to.
        var names = targets.Where(t => t.Config.Exec is null).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var target in targets.Where(t => t.Config.Exec is not null))
        {
            var spec = target.Config.Exec!;
            foreach (var (key, value) in spec.Environment)
            {
                foreach (var other in ExecReferences.TargetsIn(value).Where(o => !names.Contains(o)))
                {
                    var place = spec.Places.GetValueOrDefault($"env.{key}");
                    var hint = Suggest.Closest(other, names);
                    diagnostics.Add(
                        DiagnosticCodes.UnknownReference,
                        $"target '{target.Name}' env '{key}' refers to target '{other}', "
                        + "which is not a defined model or simulator target"
                        + (hint is null ? "" : $"; did you mean '{hint}'?"),
                        place?.File,
                        place?.Line ?? 0,
                        place?.Column ?? 0);
                }
            }
        }
    }

    private static List<string> ReadCommand(MapReader map, Dictionary<string, SourcePlace> places)
    {
        var node = map.Get("command");
        if (node is null)
        {
            map.Context.Report(
                DiagnosticCodes.MissingKey,
                map.Node,
                $"'{map.Section}' (type: exec) is missing the required key 'command'");
            return [];
        }

        places["command"] = map.Context.PlaceOf(node);
        List<string>? argv = null;
        if (node is YamlScalarNode { Value: { } text })
        {
            argv = CommandLineSplitter.Split(text, out var problem)?.ToList();
            if (argv is null)
            {
                map.Context.Report(DiagnosticCodes.InvalidValue, node, $"'{map.Section}.command' has {problem}");
                return [];
            }
        }
        else if (node is YamlSequenceNode sequence && sequence.Children.All(c => c is YamlScalarNode))
        {
            argv = [.. sequence.Children.Cast<YamlScalarNode>().Select(c => c.Value ?? "")];
        }
        else
        {
            map.Context.Report(
                DiagnosticCodes.WrongType, node, $"'{map.Section}.command' must be a list of arguments or a string");
            return [];
        }

        if (argv.Count == 0 || argv[0].Length == 0)
        {
            map.Context.Report(
                DiagnosticCodes.InvalidValue, node, $"'{map.Section}.command' must name a program to run");
        }

        return argv;
    }

    private static Dictionary<string, string> ReadEnvironment(MapReader? map, Dictionary<string, SourcePlace> places)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map is null)
        {
            return environment;
        }

        foreach (var (name, keyNode, value) in map.Entries())
        {
            if (!Processes.EnvironmentExpander.IsName(name))
            {
                map.Context.Report(
                    DiagnosticCodes.InvalidValue,
                    keyNode,
                    $"'{name}' is not a valid environment variable name "
                    + "(letters, digits and _, not starting with a digit)");
            }
            else if (value is not YamlScalarNode { Value: { } text })
            {
                map.Context.Report(DiagnosticCodes.WrongType, value, $"'{map.Section}.{name}' must be a string");
            }
            else if (ExecReferences.FindMalformed(text) is { } bad)
            {
                map.Context.Report(
                    DiagnosticCodes.InvalidValue,
                    value,
                    $"'{map.Section}.{name}': '{bad}' is not a valid reference; "
                    + "write ${env:NAME} or ${target:NAME.base_url}");
            }
            else
            {
                environment[name] = text;
                places[$"env.{name}"] = map.Context.PlaceOf(value);
            }
        }

        return environment;
    }

    private static TimeSpan? Positive(MapReader map, string key)
    {
        var value = map.Duration(key);
        if (value is { } d && d <= TimeSpan.Zero)
        {
            map.Context.Report(
                DiagnosticCodes.InvalidValue, map.Get(key)!, $"'{map.Section}.{key}' must be longer than zero");
            return null;
        }

        return value;
    }
}
