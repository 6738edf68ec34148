using CiGate.Core.Suites.Safety.Agreement;

namespace CiGate.Core.Suites.Safety;

/// <summary>A safety suite's own section of results.json: the rates with intervals, and the classifier's agreement with human labels.</summary>
public sealed record SafetyReport(string Classifier, IReadOnlyList<SafetyRate> Rates, AgreementReport? Agreement);
