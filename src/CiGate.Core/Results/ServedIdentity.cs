using System.Text.Json.Serialization;
using CiGate.Core.Targets;

namespace CiGate.Core.Results;

/// <summary>
/// What actually answered one suite on one target, next to what the config asked for
/// (<see cref="Requested"/>): the responses' <c>model</c> and <c>system_fingerprint</c> values,
/// the server's <c>/version</c> and <c>/v1/models</c> (null when the server did not say: recorded
/// as unavailable, never guessed) and the graders' identities. Absent from results folders written
/// before it; <c>compare</c> then checks only the served models every folder has.
/// </summary>
public sealed record ServedIdentity(
    string Requested,
    IReadOnlyList<string> Models,
    IReadOnlyList<string> Fingerprints,
    ServerMetadata Server)
{
    /// <summary>Graders (judges, embedding and moderation models) the suite called, by target name.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<JudgeIdentity>? Judges { get; init; }

    /// <summary>
    /// The identity as one stable string: models, fingerprints, server version and judges. Two runs
    /// with the same key were answered by the same thing, as far as the servers said.
    /// </summary>
    public string Key() =>
        string.Join(
            "|",
            string.Join(",", Models),
            string.Join(",", Fingerprints),
            Server.Version ?? "",
            string.Join(",", (Judges ?? []).Select(j => $"{j.Target}={j.Model}@{j.Server.Version}")));
}

/// <summary>A grader target as it answered: its configured model and its server's metadata.</summary>
public sealed record JudgeIdentity(string Target, string Model, ServerMetadata Server);
