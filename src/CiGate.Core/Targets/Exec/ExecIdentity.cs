using System.Text.Json.Nodes;
using CiGate.Core.Config;

namespace CiGate.Core.Targets.Exec;

/// <summary>
/// What a cached answer of an exec target depends on: the argv, the working directory as written,
/// the mode and the env values as written. Secrets stay <c>${env:NAME}</c> and other targets stay
/// <c>${target:NAME.base_url}</c> (a simulator's port changes every run), so neither reaches a key.
/// </summary>
internal static class ExecIdentity
{
    public static string Of(ExecSpec spec)
    {
        var env = new JsonObject();
        foreach (var (name, value) in spec.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            env[name] = value;
        }

        var identity = new JsonObject
        {
            ["argv"] = new JsonArray([.. spec.Command.Select(a => (JsonNode?)JsonValue.Create(a))]),
            ["working_dir"] = spec.WorkingDirectoryAsWritten,
            ["mode"] = spec.Mode.ToString().ToLowerInvariant(),
            ["env"] = env,
        };
        return "cigate-exec/1:" + Hashing.Sha256Hex(identity.ToJsonString());
    }
}
