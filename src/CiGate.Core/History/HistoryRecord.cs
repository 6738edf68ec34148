using CiGate.Core.Comparing;

namespace CiGate.Core.History;

/// <summary>
/// A run to store: the results folder read back and where it came from.
/// <paramref name="OutputCharacters"/> keeps that many trailing characters of each output (the
/// answer sits at the end of a chain of thought); 0 keeps none, so a 12k-item run stays small.
/// The full outputs stay in the results folder.
/// </summary>
public sealed record HistoryRecord(LoadedRun Run, RunIdentity Identity, DateTimeOffset RecordedAt, int OutputCharacters = 0);
