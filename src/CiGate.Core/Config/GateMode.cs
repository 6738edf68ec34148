namespace CiGate.Core.Config;

/// <summary>How a suite's results are judged (`gate: { mode: ... }`).</summary>
public enum GateMode
{
    /// <summary>
    /// Test-case suites (the default for kind prompts): every case is an expectation, like a unit
    /// test. A newly failing case fails; still failing and flaky cases warn; critical failures fail.
    /// </summary>
    Cases,

    /// <summary>
    /// A sample of a population (the default for benchmarks): fail on a significant drop of at
    /// least max_drop, Holm-adjusted across the gate. Opt-in for large, noisy test-case suites.
    /// </summary>
    Statistical,
}

/// <summary>Which kinds are test-case suites, and the mode a suite gets when its `gate:` names none.</summary>
public static class GateModes
{
    /// <summary>
    /// Kinds whose items are curated test cases with assertions (a kind says so: <c>ISuiteKind.HasTestCases</c>).
    /// </summary>
    public static IReadOnlyList<string> TestCaseKinds =>
        [.. Suites.SuiteKinds.Names.Where(Suites.SuiteKinds.HasTestCases)];

    public static bool HasCases(string kind) => Suites.SuiteKinds.HasTestCases(kind);

    public static GateMode Effective(GateSettings settings, string kind) =>
        settings.Mode ?? (HasCases(kind) ? GateMode.Cases : GateMode.Statistical);

    /// <summary>The YAML name of a mode.</summary>
    public static string Name(GateMode mode) => mode == GateMode.Cases ? "cases" : "statistical";
}
