using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CiGate.Core.Suites.Tools.Bfcl;

/// <summary>
/// A JSON value as Python's <c>json.loads</c> sees it: numbers written with a point or an exponent
/// are floats, others ints; objects keep their first key order (a repeated key keeps its first
/// place and its last value). <see cref="PyEquals"/> is Python's <c>==</c>.
/// </summary>
internal sealed class PyValue
{
    private static readonly PyValue[] NoItems = [];
    private static readonly KeyValuePair<string, PyValue>[] NoEntries = [];

    private PyValue(PyType type)
    {
        Type = type;
    }

    public static PyValue EmptyString { get; } = new(PyType.Str) { Str = "" };

    public PyType Type { get; }

    public string Str { get; private init; } = "";

    /// <summary>The number (bool: 0 or 1), for comparisons across int, float and bool.</summary>
    public double Number { get; private init; }

    /// <summary>An int's exact value (when it fits a long).</summary>
    public long? Int { get; private init; }

    public IReadOnlyList<PyValue> Items { get; private init; } = NoItems;

    public IReadOnlyList<KeyValuePair<string, PyValue>> Entries { get; private init; } = NoEntries;

    /// <summary>The empty string, which BFCL's possible answers use to mark a parameter as optional.</summary>
    public bool IsEmptyString => Type == PyType.Str && Str.Length == 0;

    public bool IsNumeric => Type is PyType.Int or PyType.Float or PyType.Bool;

    public static PyValue Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return From(document.RootElement);
    }

    public static PyValue? TryParse(string json)
    {
        try
        {
            return Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static PyValue String(string text) => new(PyType.Str) { Str = text };

    public static PyValue Integer(long value) => new(PyType.Int) { Number = value, Int = value };

    public static PyValue Float(double value) => new(PyType.Float) { Number = value };

    public static PyValue Boolean(bool value) => new(PyType.Bool) { Number = value ? 1 : 0 };

    public static PyValue List(IReadOnlyList<PyValue> items) => new(PyType.List) { Items = items };

    public static PyValue Dict(IEnumerable<KeyValuePair<string, PyValue>> entries)
    {
        var list = new List<KeyValuePair<string, PyValue>>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            if (index.TryGetValue(key, out var at))
            {
                list[at] = new(key, value);
            }
            else
            {
                index[key] = list.Count;
                list.Add(new(key, value));
            }
        }

        return new(PyType.Dict) { Entries = list };
    }

    public static PyValue From(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => String(element.GetString() ?? ""),
        JsonValueKind.True => Boolean(true),
        JsonValueKind.False => Boolean(false),
        JsonValueKind.Null => new PyValue(PyType.None),
        JsonValueKind.Number => FromNumber(element),
        JsonValueKind.Array => List([.. element.EnumerateArray().Select(From)]),
        JsonValueKind.Object => Dict(element.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, From(p.Value)))),
        _ => throw new JsonException($"unexpected JSON value kind {element.ValueKind}"),
    };

    /// <summary>Python's <c>float(int)</c>.</summary>
    public PyValue ToFloat() => Type == PyType.Int ? Float(Number) : this;

    public PyValue? Get(string key)
    {
        foreach (var (k, v) in Entries)
        {
            if (k == key)
            {
                return v;
            }
        }

        return null;
    }

    public bool Has(string key) => Get(key) is not null;

    /// <summary>Python's <c>x in list</c> (a list's items; a dict's keys; a string's substrings).</summary>
    public bool Contains(PyValue value) => Type switch
    {
        PyType.List => Items.Any(value.PyEquals),
        PyType.Dict => value.Type == PyType.Str && Has(value.Str),
        PyType.Str => value.Type == PyType.Str && Str.Contains(value.Str, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>Python's <c>==</c>: numbers compare by value across int, float and bool.</summary>
    public bool PyEquals(PyValue other)
    {
        if (IsNumeric && other.IsNumeric)
        {
            return Int is { } a && other.Int is { } b ? a == b : Number.Equals(other.Number);
        }

        if (Type != other.Type)
        {
            return false;
        }

        return Type switch
        {
            PyType.Str => Str == other.Str,
            PyType.None => true,
            PyType.List => Items.Count == other.Items.Count
                && Items.Zip(other.Items).All(p => p.First.PyEquals(p.Second)),
            PyType.Dict => Entries.Count == other.Entries.Count
                && Entries.All(e => other.Get(e.Key) is { } v && e.Value.PyEquals(v)),
            _ => false,
        };
    }

    /// <summary>Python's type name, for reasons.</summary>
    public string TypeName => Name(Type);

    public static string Name(PyType type) => type switch
    {
        PyType.Str => "str",
        PyType.Int => "int",
        PyType.Float => "float",
        PyType.Bool => "bool",
        PyType.None => "NoneType",
        PyType.List => "list",
        _ => "dict",
    };

    /// <summary>Python's <c>repr</c>, for reasons.</summary>
    public string Repr()
    {
        var sb = new StringBuilder();
        Write(sb);
        return sb.ToString();
    }

    public override string ToString() => Repr();

    /// <summary>The value as JSON, floats with a point (so they read back as floats).</summary>
    public string ToJson()
    {
        var sb = new StringBuilder();
        WriteJson(sb);
        return sb.ToString();
    }

    private void WriteJson(StringBuilder sb)
    {
        switch (Type)
        {
            case PyType.Str:
                sb.Append(JsonSerializer.Serialize(Str));
                break;
            case PyType.Bool:
                sb.Append(Number != 0 ? "true" : "false");
                break;
            case PyType.None:
                sb.Append("null");
                break;
            case PyType.List:
                sb.Append('[');
                for (var i = 0; i < Items.Count; i++)
                {
                    sb.Append(i == 0 ? "" : ",");
                    Items[i].WriteJson(sb);
                }

                sb.Append(']');
                break;
            case PyType.Dict:
                sb.Append('{');
                for (var i = 0; i < Entries.Count; i++)
                {
                    sb.Append(i == 0 ? "" : ",").Append(JsonSerializer.Serialize(Entries[i].Key)).Append(':');
                    Entries[i].Value.WriteJson(sb);
                }

                sb.Append('}');
                break;
            default:
                Write(sb);
                break;
        }
    }

    private static PyValue FromNumber(JsonElement element)
    {
        var raw = element.GetRawText();
        if (raw.AsSpan().IndexOfAny(".eE") >= 0)
        {
            return Float(element.GetDouble());
        }

        return element.TryGetInt64(out var exact)
            ? Integer(exact)
            : new PyValue(PyType.Int) { Number = element.GetDouble() };
    }

    private void Write(StringBuilder sb)
    {
        switch (Type)
        {
            case PyType.Str:
                sb.Append('\'').Append(Str.Replace("\\", "\\\\", StringComparison.Ordinal)
                    .Replace("'", "\\'", StringComparison.Ordinal)).Append('\'');
                break;
            case PyType.Int:
                sb.Append(Int is { } exact
                    ? exact.ToString(CultureInfo.InvariantCulture)
                    : Number.ToString("R", CultureInfo.InvariantCulture));
                break;
            case PyType.Float:
                var text = Number.ToString("R", CultureInfo.InvariantCulture);
                sb.Append(text);
                if (double.IsFinite(Number) && text.AsSpan().IndexOfAny(".E") < 0)
                {
                    sb.Append(".0");
                }

                break;
            case PyType.Bool:
                sb.Append(Number != 0 ? "True" : "False");
                break;
            case PyType.None:
                sb.Append("None");
                break;
            case PyType.List:
                sb.Append('[');
                for (var i = 0; i < Items.Count; i++)
                {
                    sb.Append(i == 0 ? "" : ", ");
                    Items[i].Write(sb);
                }

                sb.Append(']');
                break;
            default:
                sb.Append('{');
                for (var i = 0; i < Entries.Count; i++)
                {
                    sb.Append(i == 0 ? "'" : ", '").Append(Entries[i].Key).Append("': ");
                    Entries[i].Value.Write(sb);
                }

                sb.Append('}');
                break;
        }
    }
}
