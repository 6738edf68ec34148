using System.Text;
using System.Text.Json;

namespace CiGate.Simulator.Tools;

/// <summary>
/// Calls written as a prompt-mode model writes them (BFCL's Python style):
/// <c>[get_weather(city='Paris', days=3)]</c>; JSON values as Python literals, numbers as written.
/// </summary>
internal static class PythonCalls
{
    public static string Write(IReadOnlyList<SimulatedToolCall> calls)
    {
        var text = new StringBuilder("[");
        for (var i = 0; i < calls.Count; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(calls[i].Name).Append('(');
            using var arguments = JsonDocument.Parse(calls[i].Arguments);
            var first = true;
            foreach (var argument in arguments.RootElement.EnumerateObject())
            {
                text.Append(first ? "" : ", ").Append(argument.Name).Append('=');
                Literal(text, argument.Value);
                first = false;
            }

            text.Append(')');
        }

        return text.Append(']').ToString();
    }

    private static void Literal(StringBuilder text, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                text.Append('\'').Append(value.GetString()!.Replace("\\", "\\\\", StringComparison.Ordinal)
                    .Replace("'", "\\'", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal))
                    .Append('\'');
                break;
            case JsonValueKind.True:
                text.Append("True");
                break;
            case JsonValueKind.False:
                text.Append("False");
                break;
            case JsonValueKind.Null:
                text.Append("None");
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    text.Append(i++ == 0 ? "" : ", ");
                    Literal(text, item);
                }

                text.Append(']');
                break;
            case JsonValueKind.Object:
                text.Append('{');
                var j = 0;
                foreach (var entry in value.EnumerateObject())
                {
                    text.Append(j++ == 0 ? "'" : ", '").Append(entry.Name.Replace("'", "\\'", StringComparison.Ordinal))
                        .Append("': ");
                    Literal(text, entry.Value);
                }

                text.Append('}');
                break;
            default:
                text.Append(value.GetRawText());
                break;
        }
    }
}
