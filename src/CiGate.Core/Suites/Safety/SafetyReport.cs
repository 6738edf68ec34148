using CiGate.Core.Results;
using CiGate.Core.Suites.Safety.Agreement;
using CiGate.Core.Suites.Shared;

namespace CiGate.Core.Suites.Safety;

/// <summary>A safety suite's own section of results.json: the rates with intervals, and the classifier's agreement with human labels.</summary>
public sealed record SafetyReport(string Classifier, IReadOnlyList<SafetyRate> Rates, AgreementReport? Agreement)
{
    /// <summary>The safety part of a safety suite's result (null for other kinds).</summary>
    internal static SafetyReport? Of(SuiteResult? suite) => SuiteDetails<SafetyReport>.Of(suite, SafetySuite.KindName);
}
