using CiGate.Core.Diagnostics;
using CiGate.Core.Targets;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Config;

internal static class TargetReader
{
    private static readonly Dictionary<string, TargetApi> Apis = new(StringComparer.Ordinal)
    {
        ["chat"] = TargetApi.Chat,
        ["completions"] = TargetApi.Completions,
    };

    private static readonly Dictionary<string, TargetType> Types = new(StringComparer.Ordinal)
    {
        ["openai"] = TargetType.OpenAI,
        ["exec"] = TargetType.Exec,
        ["http"] = TargetType.Http,
    };

    private static readonly Dictionary<string, TargetRole> Roles = new(StringComparer.Ordinal)
    {
        ["model"] = TargetRole.Model,
        ["grader"] = TargetRole.Grader,
        ["generator"] = TargetRole.Generator,
    };

    private static readonly string[] FaultKinds = ["429", "500", "reset", "malformed", "stall"];

    public static TargetDefinition? Read(string name, YamlNode node, YamlContext context, string baseDirectory)
    {
        var map = MapReader.From(node, context, $"targets.{name}");
        if (map is null)
        {
            return null;
        }

        var type = map.Choice("type", Types) ?? TargetType.OpenAI;
        var pricing = PricingReader.Read(map.Map("pricing"));
        if (type == TargetType.Exec)
        {
            var exec = TargetReaders.ExecTargetReader.Read(name, map, baseDirectory);
            return exec is null ? null : exec with { Pricing = pricing };
        }

        if (type == TargetType.Http)
        {
            var http = TargetReaders.HttpTargetReader.Read(name, map);
            return http is null ? null : http with { Pricing = pricing };
        }

        var simulator = ReadSimulator(map.Map("simulator"), baseDirectory);
        var baseUrlText = map.String("base_url", required: simulator is null);
        Uri? baseUrl = null;
        if (baseUrlText is not null && (!Uri.TryCreate(baseUrlText, UriKind.Absolute, out baseUrl) || baseUrl.Scheme is not ("http" or "https")))
        {
            context.Report(DiagnosticCodes.InvalidValue, map.Get("base_url")!, $"'targets.{name}.base_url' must be an http(s) URL such as http://127.0.0.1:8000/v1, not '{baseUrlText}'");
            baseUrl = null;
        }

        var model = map.String("model", required: simulator is null) ?? "cigate-sim";
        var api = map.Choice("api", Apis) ?? TargetApi.Chat;
        var apiKeyEnv = map.String("api_key_env");
        var places = new Dictionary<string, SourcePlace>(StringComparer.Ordinal);
        foreach (var key in (string[])["base_url", "api_key_env"])
        {
            if (map.Get(key) is { } written)
            {
                places[key] = context.PlaceOf(written);
            }
        }

        var headers = ReadHeaders(map.Map("headers"), places);
        var concurrency = map.Int("concurrency", 1, 4096) ?? 8;
        var timeout = map.Duration("timeout") ?? TimeSpan.FromSeconds(120);
        var retry = ReadRetry(map.Map("retries"));
        var temperature = map.Double("temperature", 0, 2) ?? 0;
        var seed = map.Int("seed") ?? 1234;
        var role = map.Choice("role", Roles) ?? TargetRole.Model;
        var embeddingModel = map.String("embedding_model");
        var request = TargetRequestReader.Read(map.Map("request"), places);
        map.Finish();
        RequireTrust(name, baseUrl, apiKeyEnv, headers, request, places, context);

        var config = new TargetConfig(
            name,
            baseUrl ?? new Uri("http://127.0.0.1:1/v1"),
            model,
            apiKeyEnv,
            headers,
            api,
            concurrency,
            timeout,
            retry,
            temperature,
            seed)
        {
            Places = places,
            Request = request,
        };
        return new TargetDefinition(config, simulator)
        {
            Role = role,
            EmbeddingModel = embeddingModel,
            Pricing = pricing,
        };
    }

    /// <summary>A secret from the environment may go only to a trusted host; a simulator's address is loopback.</summary>
    private static void RequireTrust(
        string name,
        Uri? baseUrl,
        string? apiKeyEnv,
        Dictionary<string,
        string> headers,
        TargetRequestOptions request,
        Dictionary<string,
        SourcePlace> places,
        YamlContext context)
    {
        var secrets = new List<string>();
        if (apiKeyEnv is not null)
        {
            secrets.Add($"the API key from {apiKeyEnv}");
        }

        secrets.AddRange(headers.Where(h => TargetSecrets.ReadsEnvironment(h.Value)).Select(h => $"header '{h.Key}' (read from the environment)"));
        if (TargetSecrets.ReadsEnvironment(request.ExtraBody))
        {
            secrets.Add("request.extra_body values (read from the environment)");
        }

        if (baseUrl is not null && secrets.Count > 0)
        {
            context.Privileges.Add(new Privilege(PrivilegeKind.SecretToHost, $"targets.{name}.base_url", name, string.Join(" and ", secrets), baseUrl.Host, places["base_url"]));
        }
    }

    /// <summary>Header values are sent as written, except <c>${env:NAME}</c>, read from the environment at run time.</summary>
    internal static Dictionary<string, string> ReadHeaders(MapReader? map, Dictionary<string, SourcePlace> places)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (map is null)
        {
            return headers;
        }

        foreach (var (name, keyNode, value) in map.Entries())
        {
            if (value is YamlScalarNode { Value: { } text })
            {
                if (name.Length == 0 || name.Any(c => c <= ' ' || c >= 127 || "\"(),/:;<=>?@[\\]{}".Contains(c, StringComparison.Ordinal)))
                {
                    map.Context.Report(DiagnosticCodes.InvalidValue, keyNode, $"'{name}' is not a valid HTTP header name");
                }
                else if (text.Contains('\r', StringComparison.Ordinal) || text.Contains('\n', StringComparison.Ordinal))
                {
                    map.Context.Report(DiagnosticCodes.InvalidValue, value, $"header '{name}' must be one line");
                }
                else if (TargetSecrets.FindMalformed(text) is { } bad)
                {
                    map.Context.Report(DiagnosticCodes.InvalidValue, value, $"header '{name}': '{bad}' is not a valid reference; write ${{env:NAME}} to read NAME from cigate's environment");
                }
                else
                {
                    headers[name] = text;
                    places[$"headers.{name}"] = map.Context.PlaceOf(value);
                }
            }
            else
            {
                map.Context.Report(DiagnosticCodes.WrongType, keyNode, $"header '{name}' must be a string");
            }
        }

        return headers;
    }

    internal static RetryPolicy ReadRetry(MapReader? map)
    {
        var defaults = RetryPolicy.Default;
        if (map is null)
        {
            return defaults;
        }

        var policy = new RetryPolicy(
            map.Int("max_attempts", 1, 100) ?? defaults.MaxAttempts,
            map.Duration("initial_delay") ?? defaults.InitialDelay,
            map.Duration("max_delay") ?? defaults.MaxDelay);
        map.Finish();
        return policy;
    }

    /// <summary>Scripted replies for prompts (see `cigate sim --script`), relative to the config.</summary>
    private static List<string> Scripts(MapReader map, string baseDirectory)
    {
        var scripts = new List<string>();
        foreach (var relative in map.Strings("scripts") ?? [])
        {
            var path = Path.GetFullPath(Path.Combine(baseDirectory, relative));
            if (File.Exists(path))
            {
                scripts.Add(path);
            }
            else
            {
                map.Context.Report(DiagnosticCodes.DatasetNotFound, map.Get("scripts")!, $"simulator script '{relative}' not found (looked in {path})");
            }
        }

        return scripts;
    }

    private static SimulatorRefusal ReadRefusal(MapReader map)
    {
        var refusal = new SimulatorRefusal(map.Double("safe", 0, 1) ?? 0.08, map.Double("unsafe", 0, 1) ?? 0.9, map.Double("partial", 0, 1) ?? 0.2, map.Double("flip", 0, 1) ?? 0.1);
        map.Finish();
        return refusal;
    }

    private static SimulatorPerformance ReadPerformance(MapReader map)
    {
        var defaults = new SimulatorPerformance();
        var performance = new SimulatorPerformance(
            map.Double("slowdown", 0.01, 1000) ?? defaults.Slowdown,
            map.Int("max_concurrent_decodes", 0) ?? defaults.MaxConcurrentDecodes,
            map.Double("batch_itl_growth", 0, 100) ?? defaults.BatchItlGrowth,
            map.Bool("send_usage") ?? defaults.SendUsage,
            map.Bool("send_timestamps") ?? defaults.SendTimestamps,
            map.Int("mid_stream_error_every", 0) ?? defaults.MidStreamErrorEvery,
            map.Bool("decode_steps") ?? defaults.DecodeSteps);
        map.Finish();
        return performance;
    }

    private static SimulatorSettings? ReadSimulator(MapReader? map, string baseDirectory)
    {
        if (map is null)
        {
            return null;
        }

        var faults = map.Map("faults");
        var kinds = faults?.Strings("kinds") ?? FaultKinds;
        foreach (var kind in kinds)
        {
            if (!FaultKinds.Contains(kind))
            {
                map.Context.Report(DiagnosticCodes.InvalidValue, faults!.Get("kinds")!, $"unknown fault kind '{kind}'; use {string.Join(", ", FaultKinds)}");
            }
        }

        var settings = new SimulatorSettings(
            map.Double("accuracy", 0, 1) ?? 0.7,
            map.Int("seed") ?? 1,
            map.Double("flip", 0, 1) ?? 0.05,
            map.Double("invalid_rate", 0, 1) ?? 0.02,
            map.Duration("ttft") ?? TimeSpan.Zero,
            map.Duration("itl") ?? TimeSpan.Zero,
            faults?.Double("rate", 0, 1) ?? 0,
            kinds,
            faults?.Int("seed") ?? 7,
            Scripts(map, baseDirectory))
        {
            Judge = map.Bool("judge"),
            Refusal = map.Map("refusal") is { } refusal ? ReadRefusal(refusal) : null,
            Performance = map.Map("performance") is { } performance ? ReadPerformance(performance) : null,
            ServedModel = map.String("served_model"),
            SystemFingerprint = map.String("system_fingerprint"),
            RequestLog = map.String("request_log") is { } log
                ? Path.GetFullPath(Path.Combine(baseDirectory, log))
                : null,
        };
        faults?.Finish();
        map.Finish();
        return settings;
    }
}
