using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Processes;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Perf.Server;

/// <summary>`server: { command, env, cwd, ready: { url, timeout, interval }, log, stop_timeout }` of a perf suite.</summary>
internal static class ServerSpecReader
{
    /// <param name="suite">The suite that starts the server; its command is a <see cref="Privilege"/> the run must be given.</param>
    public static ServerSpec? Read(MapReader? map, string suite, string baseDirectory)
    {
        if (map is null)
        {
            return null;
        }

        var command = map.String("command", required: true);
        if (command is not null && string.IsNullOrWhiteSpace(command))
        {
            map.Context.Report(DiagnosticCodes.InvalidValue, map.Get("command")!, $"'{map.Section}.command' must not be empty");
        }

        if (command is not null)
        {
            map.Context.Privileges.Add(new Privilege(PrivilegeKind.Command, $"{map.Section}.command", suite, "a process", null, map.Context.PlaceOf(map.Get("command")!)));
        }

        var places = new Dictionary<string, SourcePlace>(StringComparer.Ordinal);
        var environment = ReadEnvironment(map.Map("env"), places);
        var cwd = map.String("cwd");
        Uri? url = null;
        TimeSpan? timeout = null, interval = null;
        if (map.Map("ready") is { } ready)
        {
            var text = ready.String("url");
            if (text is not null && !(Uri.TryCreate(text, UriKind.Absolute, out url) && url.Scheme is "http" or "https"))
            {
                ready.Context.Report(DiagnosticCodes.InvalidValue, ready.Get("url")!, $"'{ready.Section}.url' must be an absolute http(s) URL, such as http://127.0.0.1:8000/health");
                url = null;
            }

            timeout = Positive(ready, "timeout");
            interval = Positive(ready, "interval");
            ready.Finish();
        }

        var log = map.String("log") ?? ServerSpec.DefaultLogFile;
        if (log.Length == 0 || log.EndsWith('/') || log.EndsWith('\\'))
        {
            map.Context.Report(DiagnosticCodes.InvalidValue, map.Get("log")!, $"'{map.Section}.log' must be a file name (relative to the results folder)");
        }

        var stop = Positive(map, "stop_timeout");
        map.Finish();
        return command is null ? null : new ServerSpec(
            command,
            environment,
            Path.GetFullPath(Path.Combine(baseDirectory, cwd ?? ".")),
            url,
            timeout ?? ServerSpec.DefaultReadyTimeout,
            interval ?? ServerSpec.DefaultReadyInterval,
            log,
            stop ?? ServerSpec.DefaultStopTimeout)
        {
            EnvironmentPlaces = places,
        };
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
            if (!EnvironmentExpander.IsName(name))
            {
                map.Context.Report(DiagnosticCodes.InvalidValue, keyNode, $"'{name}' is not a valid environment variable name (letters, digits and _, not starting with a digit)");
            }
            else if (value is not YamlScalarNode { Value: { } text })
            {
                map.Context.Report(DiagnosticCodes.WrongType, value, $"'{map.Section}.{name}' must be a string");
            }
            else if (EnvironmentExpander.FindMalformed(text) is { } bad)
            {
                map.Context.Report(DiagnosticCodes.InvalidValue, value, $"'{map.Section}.{name}': '{bad}' is not a valid reference; write ${{NAME}} to read NAME from cigate's environment");
            }
            else
            {
                environment[name] = text;
                places[name] = map.Context.PlaceOf(value);
            }
        }

        return environment;
    }

    private static TimeSpan? Positive(MapReader map, string key)
    {
        var value = map.Duration(key);
        if (value is { } d && d <= TimeSpan.Zero)
        {
            map.Context.Report(DiagnosticCodes.InvalidValue, map.Get(key)!, $"'{map.Section}.{key}' must be longer than zero");
            return null;
        }

        return value;
    }
}
