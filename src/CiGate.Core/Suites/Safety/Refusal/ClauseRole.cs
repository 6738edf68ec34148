namespace CiGate.Core.Suites.Safety.Refusal;

/// <summary>What one clause of a response does, as far as refusal goes.</summary>
internal enum ClauseRole
{
    Content,
    Decline,
    WeakDecline,
    Apology,
    Redirect,
    Offer,
    Moralizing,
}
