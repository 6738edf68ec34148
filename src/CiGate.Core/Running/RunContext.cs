using System.Reflection;
using CiGate.Core.Config;
using CiGate.Core.Results;

namespace CiGate.Core.Running;

/// <summary>Facts about this invocation that results.json records.</summary>
public sealed record RunContext(string ConfigPath, string ToolVersion)
{
    /// <summary>The commit results.json records: see <see cref="GitCommit.Of"/>.</summary>
    public string? Commit { get; init; } = GitCommit.Of(ConfigPath);

    public static string CurrentToolVersion { get; } =
        typeof(RunContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>What answers: the endpoint (a simulator's settings, not its port), model, API and decoding.</summary>
    public static string ConfigHash(Targets.TargetConfig c) =>
        Hashing.Sha256Hex(string.Join(
            "\u001f",
            c.CacheIdentity,
            c.Model,
            c.Api.ToString(),
            c.Temperature.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            c.Seed?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            string.Join(",", c.Headers.Keys.Order(StringComparer.OrdinalIgnoreCase))))[..16];

    public static TargetInfo Describe(TargetDefinition target)
    {
        var c = target.Config;
        return new TargetInfo(
            c.Name,
            c.BaseUrl.ToString(),
            c.Model,
            c.Api.ToString().ToLowerInvariant(),
            c.ApiKeyEnv,
            [.. c.Headers.Keys.Order(StringComparer.OrdinalIgnoreCase)],
            c.Concurrency,
            c.Timeout.TotalSeconds,
            c.Retry.MaxAttempts,
            c.Temperature,
            c.Seed,
            target.Simulator is not null)
        {
            ConfigHash = ConfigHash(c),
        };
    }
}
