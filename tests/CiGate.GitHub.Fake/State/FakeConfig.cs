namespace CiGate.GitHub.Fake.State;

/// <summary>
/// Scripted faults, set through <c>POST /_fake/config</c>. ServerErrors and DroppedConnections
/// count down: the next N API requests answer 502 or lose their connection, later ones succeed.
/// Forbidden answers every API request 403 as a token without the needed permission gets it.
/// DefaultBranch is the repository's (GET /repos/{owner}/{repo}).
/// </summary>
public sealed record FakeConfig(
    bool DenyChecks = false,
    bool RateLimitOnce = false,
    bool SecondaryLimitOnce = false,
    string? RequireToken = null,
    int ServerErrors = 0,
    int DroppedConnections = 0,
    bool Forbidden = false,
    string DefaultBranch = "main");
