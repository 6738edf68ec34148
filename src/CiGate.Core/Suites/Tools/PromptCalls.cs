using System.Text.Json;
using CiGate.Core.Targets;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// Calls written as text (<c>mode: prompt</c>), in the Python call style BFCL asks prompt-mode models
/// for: <c>[get_weather(city="Paris", days=3), math.factorial(n=5)]</c>. As BFCL decodes them: the
/// reply is trimmed of back ticks, new lines and spaces and wrapped in brackets when it lacks them;
/// each element must be a call (dotted names kept); keyword arguments become the arguments object
/// (Python literals: strings, ints, floats, True/False/None, lists, tuples as lists, dicts), and
/// positional arguments are dropped, as BFCL's decoder drops them. Anything else is no call.
/// </summary>
internal static class PromptCalls
{
    /// <summary>The calls <paramref name="text"/> holds, or null when it is not a list of calls.</summary>
    public static IReadOnlyList<ToolCall>? Parse(string text)
    {
        var trimmed = text.Trim('`', '\n', ' ');
        if (trimmed.Length == 0)
        {
            return null;
        }

        if (!trimmed.StartsWith('['))
        {
            trimmed = "[" + trimmed;
        }

        if (!trimmed.EndsWith(']'))
        {
            trimmed += "]";
        }

        var parser = new PromptCallParser(trimmed);
        try
        {
            var calls = parser.Calls();
            return calls.Count == 0 ? null : calls;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>How the prompt shows the tools and the format it asks for.</summary>
    public static string Instructions(IEnumerable<JsonElement> functions)
    {
        var list = JsonSerializer.Serialize(functions.ToList(), Text.PlainJson.Readable);
        return "You can call the functions listed below. To call one or more, reply with nothing but a list "
            + "of calls in this format: [func_name1(param1=value1, param2=value2), func_name2(param=value)], "
            + "with Python literals as values. If no function fits, or a required parameter is missing from "
            + "the question, answer in plain text instead and say so.\n\nFunctions (JSON):\n" + list;
    }

    /// <summary>How call results go back to the model in prompt mode: a user message, one line a call.</summary>
    public static string Results(IReadOnlyList<(ToolCall Call, ToolResult Result)> results) =>
        "Results of the calls, in order:\n" + string.Join("\n", results.Select(r =>
            $"{r.Call.Name}({r.Call.Arguments}) -> {(r.Result.IsError ? "error: " : "")}{r.Result.Content}"));
}
