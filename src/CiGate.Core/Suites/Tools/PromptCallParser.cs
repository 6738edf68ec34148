using System.Globalization;
using System.Text;
using System.Text.Json;
using CiGate.Core.Targets;

namespace CiGate.Core.Suites.Tools;

/// <summary>
/// The recursive-descent reader behind <see cref="PromptCalls.Parse"/>: a bracketed list of Python
/// calls with keyword arguments whose values are Python literals. Throws <see cref="FormatException"/>
/// at the first thing that is not one; the caller takes that as "no call".
/// </summary>
internal sealed class PromptCallParser(string text)
{
    private int at;

    public List<ToolCall> Calls()
    {
        var calls = new List<ToolCall>();
        Expect('[');
        Space();
        while (Peek() != ']')
        {
            calls.Add(Call());
            Space();
            if (Peek() == ',')
            {
                at++;
                Space();
            }
            else if (Peek() != ']')
            {
                throw Fail("',' or ']'");
            }
        }

        at++;
        Space();
        return at == text.Length ? calls : throw Fail("the end");
    }

    private ToolCall Call()
    {
        var name = new StringBuilder(Name());
        while (Peek() == '.')
        {
            at++;
            name.Append('.').Append(Name());
        }

        Space();
        Expect('(');
        var json = new StringBuilder("{");
        var first = true;
        Space();
        while (Peek() != ')')
        {
            var start = at;
            string? keyword = null;
            if (char.IsLetter(Peek()) || Peek() == '_')
            {
                var word = Name();
                Space();
                if (Peek() == '=' && text.ElementAtOrDefault(at + 1) != '=')
                {
                    at++;
                    keyword = word;
                }
                else
                {
                    at = start;
                }
            }

            Space();
            var value = new StringBuilder();
            Value(value);
            if (keyword is not null)
            {
                json.Append(first ? "" : ",").Append(JsonSerializer.Serialize(keyword)).Append(':').Append(value);
                first = false;
            }

            Space();
            if (Peek() == ',')
            {
                at++;
                Space();
            }
            else if (Peek() != ')')
            {
                throw Fail("',' or ')'");
            }
        }

        at++;
        return new ToolCall(null, name.ToString(), json.Append('}').ToString());
    }

    private void Value(StringBuilder json)
    {
        var c = Peek();
        if (c is '\'' or '"')
        {
            json.Append(JsonSerializer.Serialize(String(), Text.PlainJson.Readable));
        }
        else if (c is '[' or '(')
        {
            Sequence(json, c == '[' ? ']' : ')');
        }
        else if (c == '{')
        {
            Dict(json);
        }
        else if (char.IsDigit(c) || c is '-' or '+' or '.')
        {
            Number(json);
        }
        else
        {
            json.Append(Name() switch
            {
                "True" => "true",
                "False" => "false",
                "None" => "null",
                var other => throw Fail($"a literal, not {other}"),
            });
        }
    }

    private void Sequence(StringBuilder json, char close)
    {
        at++;
        json.Append('[');
        Space();
        var first = true;
        while (Peek() != close)
        {
            json.Append(first ? "" : ",");
            first = false;
            Value(json);
            Space();
            if (Peek() == ',')
            {
                at++;
                Space();
            }
            else if (Peek() != close)
            {
                throw Fail($"',' or '{close}'");
            }
        }

        at++;
        json.Append(']');
    }

    private void Dict(StringBuilder json)
    {
        at++;
        json.Append('{');
        Space();
        var first = true;
        while (Peek() != '}')
        {
            if (Peek() is not ('\'' or '"'))
            {
                throw Fail("a string key");
            }

            json.Append(first ? "" : ",").Append(JsonSerializer.Serialize(String(), Text.PlainJson.Readable));
            first = false;
            Space();
            Expect(':');
            json.Append(':');
            Space();
            Value(json);
            Space();
            if (Peek() == ',')
            {
                at++;
                Space();
            }
            else if (Peek() != '}')
            {
                throw Fail("',' or '}'");
            }
        }

        at++;
        json.Append('}');
    }

    /// <summary>An int stays an int, a float keeps a point (JSON "1.0"): BFCL's type check sees Python's.</summary>
    private void Number(StringBuilder json)
    {
        var start = at;
        if (Peek() is '-' or '+')
        {
            at++;
        }

        while (char.IsDigit(Peek()) || Peek() is '.' or 'e' or 'E' or '_'
            || (Peek() is '-' or '+' && text[at - 1] is 'e' or 'E'))
        {
            at++;
        }

        var literal = text[start..at].Replace("_", "", StringComparison.Ordinal);
        if (literal.AsSpan().IndexOfAny(".eE") < 0)
        {
            var isInt = long.TryParse(
                literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i);
            json.Append(isInt ? i.ToString(CultureInfo.InvariantCulture) : throw Fail("a number"));
            return;
        }

        if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            || !double.IsFinite(d))
        {
            throw Fail("a number");
        }

        var written = d.ToString("R", CultureInfo.InvariantCulture);
        json.Append(written).Append(written.AsSpan().IndexOfAny(".E") < 0 ? ".0" : "");
    }

    private string String()
    {
        var quote = text[at++];
        var value = new StringBuilder();
        while (at < text.Length && text[at] != quote)
        {
            var c = text[at++];
            if (c == '\\' && at < text.Length)
            {
                var e = text[at++];
                value.Append(e switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    _ => e,
                });
            }
            else
            {
                value.Append(c);
            }
        }

        Expect(quote);
        return value.ToString();
    }

    private string Name()
    {
        var start = at;
        while (at < text.Length && (char.IsLetterOrDigit(text[at]) || text[at] == '_'))
        {
            at++;
        }

        return at > start && !char.IsDigit(text[start]) ? text[start..at] : throw Fail("a name");
    }

    private char Peek() => at < text.Length ? text[at] : '\0';

    private void Space()
    {
        while (at < text.Length && char.IsWhiteSpace(text[at]))
        {
            at++;
        }
    }

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw Fail($"'{c}'");
        }

        at++;
    }

    private FormatException Fail(string expected) => new($"expected {expected} at {at}");
}
