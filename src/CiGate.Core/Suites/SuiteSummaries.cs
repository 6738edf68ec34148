using CiGate.Core.Results;

namespace CiGate.Core.Suites;

/// <summary>
/// A suite's block in <c>cigate run</c>'s human summary, as its kind prints it (see <see cref="ISuiteKind"/>).
/// </summary>
public static class SuiteSummaries
{
    /// <summary>Prints the whole block when the kind has its own (perf); false: print the shared block.</summary>
    public static bool TryPrintWhole(TextWriter w, SuiteResult suite) =>
        SuiteKinds.For(suite.Kind).PrintSummary(w, suite);

    /// <summary>The kind's own lines inside the shared block (safety: rates and agreement).</summary>
    public static void PrintDetails(TextWriter w, SuiteResult suite) =>
        SuiteKinds.For(suite.Kind).PrintDetails(w, suite);
}
