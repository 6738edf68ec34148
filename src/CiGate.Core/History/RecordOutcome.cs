namespace CiGate.Core.History;

/// <summary>What recording did: stored the run, or found it already there (a no-op).</summary>
public enum RecordOutcome
{
    Recorded,
    AlreadyRecorded,
}
