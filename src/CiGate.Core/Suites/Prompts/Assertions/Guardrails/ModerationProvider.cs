namespace CiGate.Core.Suites.Prompts.Assertions.Guardrails;

/// <summary>Who moderates: a grader model with a rubric, or an OpenAI-compatible moderations endpoint.</summary>
internal enum ModerationProvider
{
    Judge,
    Endpoint,
}
