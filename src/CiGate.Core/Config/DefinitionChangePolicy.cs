namespace CiGate.Core.Config;

/// <summary>
/// `gate: on_definition_change:`: what a change of the suite's definition, prompt template or
/// dataset between base and head does to the verdict. Warn (default): the suite warns at least;
/// Fail: it fails; Accept: it is gated on what could be compared, as if nothing had changed.
/// </summary>
public enum DefinitionChangePolicy
{
    Warn,
    Fail,
    Accept,
}
