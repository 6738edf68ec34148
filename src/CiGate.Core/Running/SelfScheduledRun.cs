using CiGate.Core.Results;

namespace CiGate.Core.Running;

/// <summary>
/// What the runner hands a <see cref="ISelfScheduledPlan"/>: the results folder (for its own
/// files), the clients, its records already on disk (resume) and the items.jsonl writer.
/// </summary>
public sealed record SelfScheduledRun(string Folder, TargetClients Clients, IReadOnlyList<ItemRecord> Existing, Action<ItemRecord> Write, IProgress<RunProgress>? Progress = null);
