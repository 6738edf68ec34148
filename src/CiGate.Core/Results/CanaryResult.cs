using System.Globalization;

namespace CiGate.Core.Results;

/// <summary>
/// The canary of a reused suite: <see cref="Items"/> of the reused run's items asked again on
/// head's target, <see cref="Flips"/> of them scored differently, and whether what answered
/// changed. <see cref="Passed"/> when no identity changed and so many flips are likely under the
/// A/A noise the suite allows (<see cref="AllowedFlipRate"/>; <see cref="PValue"/> = P(X ≥ flips)
/// for X ~ Bin(compared, allowed), at least 0.05 to pass).
/// </summary>
public sealed record CanaryResult(
    int Items,
    int Compared,
    int Flips,
    double AllowedFlipRate,
    double PValue,
    IReadOnlyList<string> ServedModels,
    string? IdentityChange,
    bool Passed)
{
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"canary of {Items} items: {Flips} of {Compared} flipped")
        + (IdentityChange is { } change
            ? $", served identity changed: {change}"
            : string.Create(
                CultureInfo.InvariantCulture,
                $" (p={PValue:0.###} against A/A noise of {AllowedFlipRate * 100:0.#}%), same served model"));
}
