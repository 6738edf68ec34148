using System.Text.Json.Serialization;

namespace CiGate.Core.Targets;

/// <summary>
/// A server's own account of itself: <c>GET /version</c>'s <c>version</c> and the ids listed by
/// <c>GET /v1/models</c>. Null = unavailable (no such endpoint, an error, no answer in time, or a
/// target that is not an OpenAI-compatible server), with the reason in <see cref="Unavailable"/>.
/// </summary>
public sealed record ServerMetadata(string? Version, IReadOnlyList<string>? Models)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Unavailable { get; init; }

    public static ServerMetadata None(string why) => new(null, null) { Unavailable = why };
}
