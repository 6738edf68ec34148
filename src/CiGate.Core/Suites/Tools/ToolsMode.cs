namespace CiGate.Core.Suites.Tools;

/// <summary>
/// How calls travel (<c>mode:</c>), never mixed: <see cref="FunctionCalling"/> offers the tools through
/// the API and reads its tool calls; <see cref="Prompt"/> lists them in the system message and parses
/// calls written as text (<see cref="PromptCalls"/>).
/// </summary>
internal enum ToolsMode
{
    FunctionCalling,
    Prompt,
}
