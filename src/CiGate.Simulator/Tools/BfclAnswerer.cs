using System.Buffers;
using System.Text;
using System.Text.Json;
using CiGate.Simulator.Hashing;

namespace CiGate.Simulator.Tools;

/// <summary>
/// Answers a BFCL item with tool calls built from its possible answer (each parameter's first
/// accepted value; optional ones given too), right on about the model's accuracy of items (drawn
/// per seed and item id, so two runs agree); otherwise one <see cref="ToolMistake"/> drawn the same
/// way. An irrelevance item is answered in text when right and with a call of the offered function when wrong.
/// </summary>
internal static class BfclAnswerer
{
    public const string NoCallText = "None of the offered functions can answer this.";

    /// <param name="apiNames">Names as offered through a tools API (dots as '_'); false in prompt mode.</param>
    public static (IReadOnlyList<SimulatedToolCall> Calls, string Text) Answer(
        BfclKeyItem item, SimulatorModel model, IReadOnlyList<string> offered, bool apiNames = true)
    {
        var hash = StableHash.OfText(item.Id);
        var right = StableHash.Unit(StableHash.Derive(hash, model.Seed, HashSalt.ToolCorrect)) < model.Accuracy;
        var calls = Correct(item, apiNames);
        if (calls.Count == 0)
        {
            // irrelevance: the right reply calls nothing
            return right || offered.Count == 0 ? ([], NoCallText) : ([new SimulatedToolCall(offered[0], "{}")], "");
        }

        if (right)
        {
            return (calls, "");
        }

        var mistake = (ToolMistake)(StableHash.Derive(hash, model.Seed, HashSalt.ToolMistake) % 4);
        return Mistake(mistake, calls, offered);
    }

    public static (IReadOnlyList<SimulatedToolCall> Calls, string Text) Mistake(
        ToolMistake mistake, IReadOnlyList<SimulatedToolCall> calls, IReadOnlyList<string> offered)
    {
        var first = calls[0];
        switch (mistake)
        {
            case ToolMistake.NoCall:
                return ([], NoCallText);
            case ToolMistake.WrongFunction:
                var other = offered.FirstOrDefault(n => n != first.Name) ?? first.Name + "_v2";
                return ([first with { Name = other }, .. calls.Skip(1)], "");
            case ToolMistake.WrongArgument when WrongArgument(first.Arguments) is { } changed:
                return ([first with { Arguments = changed }, .. calls.Skip(1)], "");
            default:
                return ([.. calls, first], "");
        }
    }

    /// <summary>The calls the possible answer describes, in its order.</summary>
    public static IReadOnlyList<SimulatedToolCall> Correct(BfclKeyItem item, bool apiNames = true)
    {
        var calls = new List<SimulatedToolCall>();
        foreach (var expected in item.GroundTruth.EnumerateArray().SelectMany(e => e.EnumerateObject()))
        {
            var types = item.Functions.GetValueOrDefault(expected.Name) ?? new Dictionary<string, string>();
            calls.Add(new SimulatedToolCall(apiNames ? BfclKey.ToolName(expected.Name) : expected.Name, Write(w =>
            {
                w.WriteStartObject();
                foreach (var parameter in expected.Value.EnumerateObject())
                {
                    if (types.TryGetValue(parameter.Name, out var type) && FirstAccepted(parameter.Value) is { } value)
                    {
                        w.WritePropertyName(parameter.Name);
                        WriteValue(w, value, type);
                    }
                }

                w.WriteEndObject();
            })));
        }

        return calls;
    }

    private static JsonElement? FirstAccepted(JsonElement accepted)
    {
        if (accepted.ValueKind != JsonValueKind.Array)
        {
            return accepted;
        }

        foreach (var value in accepted.EnumerateArray())
        {
            if (!(value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>A dict's accepted value is a dict of accepted lists: each key takes its first value.</summary>
    private static void WriteValue(Utf8JsonWriter w, JsonElement value, string type)
    {
        if (type == "dict" && value.ValueKind == JsonValueKind.Object)
        {
            w.WriteStartObject();
            foreach (var key in value.EnumerateObject())
            {
                if (FirstAccepted(key.Value) is { } first)
                {
                    w.WritePropertyName(key.Name);
                    first.WriteTo(w);
                }
            }

            w.WriteEndObject();
        }
        else if (type == "array<dict>" && value.ValueKind == JsonValueKind.Array)
        {
            w.WriteStartArray();
            foreach (var item in value.EnumerateArray())
            {
                WriteValue(w, item, "dict");
            }

            w.WriteEndArray();
        }
        else
        {
            value.WriteTo(w);
        }
    }

    /// <summary>The arguments with their first value changed to one no answer is likely to accept.</summary>
    private static string? WrongArgument(string arguments)
    {
        using var doc = JsonDocument.Parse(arguments);
        var properties = doc.RootElement.EnumerateObject().ToList();
        if (properties.Count == 0)
        {
            return null;
        }

        return Write(w =>
        {
            w.WriteStartObject();
            for (var i = 0; i < properties.Count; i++)
            {
                w.WritePropertyName(properties[i].Name);
                if (i > 0)
                {
                    properties[i].Value.WriteTo(w);
                    continue;
                }

                var v = properties[i].Value;
                switch (v.ValueKind)
                {
                    case JsonValueKind.String:
                        w.WriteStringValue(v.GetString() + " (unverified)");
                        break;
                    case JsonValueKind.Number when v.TryGetInt64(out var n) && !v.GetRawText().Contains('.'):
                        w.WriteNumberValue(n + 1);
                        break;
                    case JsonValueKind.Number:
                        var changed = v.GetDouble() + 1.5;
                        w.WriteRawValue(changed.ToString("0.0###", System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    case JsonValueKind.True or JsonValueKind.False:
                        w.WriteBooleanValue(v.ValueKind == JsonValueKind.False);
                        break;
                    case JsonValueKind.Array:
                        w.WriteStartArray();
                        foreach (var item in v.EnumerateArray())
                        {
                            item.WriteTo(w);
                        }

                        w.WriteStringValue("unverified");
                        w.WriteEndArray();
                        break;
                    default:
                        w.WriteStartObject();
                        w.WriteString("unverified", "yes");
                        w.WriteEndObject();
                        break;
                }
            }

            w.WriteEndObject();
        });
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var options = new JsonWriterOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using (var w = new Utf8JsonWriter(buffer, options))
        {
            write(w);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
