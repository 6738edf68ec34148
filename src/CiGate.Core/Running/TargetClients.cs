using CiGate.Core.Targets;

namespace CiGate.Core.Running;

/// <summary>
/// The clients of one run, by target name: a plan calls its own target's, and graders (judges,
/// embedding models) by the names in <see cref="ISuitePlan.AuxiliaryTargets"/>.
/// </summary>
public sealed class TargetClients(IReadOnlyDictionary<string, ITargetClient> clients)
{
    public ITargetClient For(string target) =>
        clients.TryGetValue(target, out var client)
            ? client
            : throw new InvalidOperationException($"no client was created for target '{target}'; the plan must list it in AuxiliaryTargets");
}
