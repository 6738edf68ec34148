using System.Text;

namespace CiGate.Core.Suites.Tools.Bfcl;

/// <summary>
/// BFCL's value checks after the type check: strings compare standardised (no spaces nor
/// <c>,./-_*^</c>, lower case, ' as "), lists compare item by item with their strings standardised,
/// dicts key by key against each accepted dict, lists of dicts dict by dict in order.
/// </summary>
internal static class BfclValueChecks
{
    /// <summary>BFCL's <c>standardize_string</c>.</summary>
    public static string Standardize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is not (' ' or ',' or '.' or '/' or '-' or '_' or '*' or '^'))
            {
                sb.Append(c == '\'' ? '"' : char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    public static string? String(string parameter, PyValue value, IReadOnlyList<PyValue> allowed)
    {
        var standard = Standardize(value.Str);
        return allowed.Any(a => a.Type == PyType.Str && Standardize(a.Str) == standard)
            ? null
            : $"Invalid value for parameter '{parameter}': {value.Repr()}. Expected one of {Repr(allowed)}. "
                + "Case insensitive.";
    }

    public static string? List(string parameter, PyValue value, IReadOnlyList<PyValue> allowed)
    {
        var standard = PyValue.List([.. value.Items.Select(StandardizeIfString)]);
        foreach (var accepted in allowed)
        {
            // BFCL iterates each accepted value by index: a string answer ("" for optional) reads as
            // its characters, so "" accepts the empty list.
            var items = accepted.Type switch
            {
                PyType.List => accepted.Items,
                PyType.Str => [.. accepted.Str.Select(c => PyValue.String(c.ToString()))],
                _ => null,
            };
            if (items is not null && PyValue.List([.. items.Select(StandardizeIfString)]).PyEquals(standard))
            {
                return null;
            }
        }

        return $"Invalid value for parameter '{parameter}': {value.Repr()}. Expected one of {Repr(allowed)}.";
    }

    /// <summary>
    /// BFCL's <c>dict_checker</c>: null when the dict matches one accepted dict, else the last reason.
    /// </summary>
    public static (string ErrorType, string Reason)? Dict(PyValue value, IReadOnlyList<PyValue> allowed)
    {
        (string, string)? last = ("dict_checker:unclear", "The dict matches no accepted value.");
        foreach (var accepted in allowed)
        {
            if (accepted.IsEmptyString)
            {
                continue;
            }

            last = DictAgainst(value, accepted);
            if (last is null)
            {
                return null;
            }
        }

        return last;
    }

    /// <summary>BFCL's <c>list_dict_checker</c>: the dicts match one accepted list of dicts, in order.</summary>
    public static (string ErrorType, string Reason)? ListOfDicts(PyValue value, IReadOnlyList<PyValue> allowed)
    {
        (string, string)? last = ("list_dict_checker:unclear", "The list matches no accepted value.");
        foreach (var accepted in allowed)
        {
            var expected = accepted.Type == PyType.List ? accepted.Items : [];
            if (value.Items.Count != expected.Count)
            {
                last = ("value_error:list_dict_count", "Wrong number of dictionaries in the list.");
                continue;
            }

            last = null;
            for (var i = 0; i < value.Items.Count && last is null; i++)
            {
                last = Dict(value.Items[i], [expected[i]]);
            }

            if (last is null)
            {
                return null;
            }
        }

        return last;
    }

    public static string Repr(IReadOnlyList<PyValue> values) => PyValue.List(values).Repr();

    private static (string, string)? DictAgainst(PyValue value, PyValue accepted)
    {
        if (value.Type != PyType.Dict || accepted.Type != PyType.Dict)
        {
            return ("value_error:dict_value", $"Expected a dict like {accepted.Repr()}, got {value.Repr()}.");
        }

        foreach (var (key, item) in value.Entries)
        {
            if (accepted.Get(key) is not { } choices)
            {
                return ("value_error:dict_key", $"Unexpected dict key parameter: '{key}'.");
            }

            var standard = StandardizeIfString(item);
            var options = choices.Type == PyType.List ? choices.Items : [choices];
            if (!options.Select(StandardizeIfString).Any(standard.PyEquals))
            {
                return ("value_error:dict_value",
                    $"Invalid value for parameter '{key}': {item.Repr()}. Expected one of {Repr(options)}.");
            }
        }

        foreach (var (key, choices) in accepted.Entries)
        {
            if (!value.Has(key) && !choices.Contains(PyValue.EmptyString))
            {
                return ("value_error:dict_key", $"Missing dict key parameter: '{key}'.");
            }
        }

        return null;
    }

    private static PyValue StandardizeIfString(PyValue value) =>
        value.Type == PyType.Str ? PyValue.String(Standardize(value.Str)) : value;
}
