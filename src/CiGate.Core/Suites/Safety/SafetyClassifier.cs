namespace CiGate.Core.Suites.Safety;

/// <summary>Who decides whether a response refused: the offline detector or a grader model.</summary>
public enum SafetyClassifier
{
    Detector,
    Judge,
}
