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
            target.Simulator is not null);
    }
}
