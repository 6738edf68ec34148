namespace CiGate.Core.Suites.Safety.Refusal;

/// <summary>A classified response and a short, human-readable reason (which signal decided it).</summary>
public sealed record RefusalVerdict(RefusalClass Class, string Reason)
{
    public string Name => RefusalClasses.Name(Class);
}
