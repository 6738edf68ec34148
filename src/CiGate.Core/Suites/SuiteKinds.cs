using CiGate.Core.Suites.Accuracy;
using CiGate.Core.Suites.Perf;
using CiGate.Core.Suites.Prompts;
using CiGate.Core.Suites.Safety;

namespace CiGate.Core.Suites;

/// <summary>
/// The one place suite kinds are listed: a dictionary from kind name to kind. A new kind is its
/// folder under Suites/ plus one line here. <see cref="Register"/> adds a kind at run time
/// (the test-only kind of the architecture test); the built-in list is fixed.
/// </summary>
internal static class SuiteKinds
{
    private static readonly Lock Gate = new();

    private static volatile Dictionary<string, ISuiteKind> kinds = Index(
    [
        new AccuracyKind(),
        new PromptsKind(),
        new PerfKind(),
        new SafetyKind(),
        new Tools.ToolsKind(),
    ]);

    /// <summary>The kind of a suite whose config names none.</summary>
    public static string DefaultName => AccuracySuite.KindName;

    /// <summary>Every kind's name, in registration order (for "this version runs: ..." messages).</summary>
    public static IReadOnlyList<string> Names => [.. kinds.Keys];

    public static ISuiteKind? Find(string? name) =>
        name is not null && kinds.TryGetValue(name, out var kind) ? kind : null;

    /// <summary>
    /// The kind named <paramref name="name"/>; results folders only ever name kinds this version reads.
    /// </summary>
    public static ISuiteKind Get(string name) =>
        Find(name) ?? throw new InvalidOperationException($"unknown suite kind '{name}'");

    /// <summary>
    /// The kind named <paramref name="name"/>, or the shared behaviour alone for a kind this version
    /// does not know (a results folder from a newer release, a test kind not registered here).
    /// </summary>
    public static ISuiteKind For(string name) => Find(name) ?? SharedOnly.Instance;

    /// <summary>
    /// Whether suites of <paramref name="name"/> are test cases (see <see cref="ISuiteKind.HasTestCases"/>).
    /// </summary>
    public static bool HasTestCases(string name) => Find(name)?.HasTestCases ?? false;

    /// <summary>Adds (or replaces) a kind; idempotent for the same instance.</summary>
    public static void Register(ISuiteKind kind)
    {
        lock (Gate)
        {
            var copy = new Dictionary<string, ISuiteKind>(kinds, StringComparer.Ordinal) { [kind.Name] = kind };
            kinds = copy;
        }
    }

    /// <summary>
    /// Only the shared behaviour: compare, gate, view and print a suite of an unknown kind like any item suite.
    /// </summary>
    private sealed class SharedOnly : ISuiteKind
    {
        public static readonly SharedOnly Instance = new();

        public string Name => "";

        public Config.SuiteDefinition? Read(Config.SuiteHeader header, Config.MapReader map, string baseDirectory) =>
            null;

        public IEnumerable<Running.ISuitePlan> Plans(Config.SuiteDefinition suite, Running.PlanContext context) => [];
    }

    private static Dictionary<string, ISuiteKind> Index(IEnumerable<ISuiteKind> list) =>
        list.ToDictionary(k => k.Name, StringComparer.Ordinal);
}
