using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CiGate.Core.Templating;
using Scriban.Runtime;

namespace CiGate.Core.Targets.Http;

/// <summary>
/// An http target's body: a JSON tree written in YAML whose string leaves are templates, or one
/// template for the whole body (sent as rendered). A leaf that renders to exactly one
/// <c>{{ x | json }}</c> becomes that JSON value; any other leaf is a JSON string.
/// </summary>
public sealed class HttpBody
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly BodyNode root;

    private HttpBody(BodyNode root)
    {
        this.root = root;
    }

    internal static HttpBody Text(ItemTemplate template) => new(new BodyNode.Text(template));

    internal static HttpBody Tree(BodyNode node) => new(node);

    /// <exception cref="TemplateRenderException">A leaf failed to render.</exception>
    internal byte[] Render(ScriptObject model)
    {
        if (root is BodyNode.Text text)
        {
            return Encoding.UTF8.GetBytes(HttpRequestModel.Unwrap(text.Template.Render(model)));
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, root, model);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, BodyNode node, ScriptObject model)
    {
        switch (node)
        {
            case BodyNode.Literal literal:
                writer.WriteRawValue(literal.Json, skipInputValidation: true);
                break;
            case BodyNode.Leaf leaf:
                string rendered = leaf.Template.Render(model);
                if (HttpRequestModel.WholeJson(rendered) is { } json)
                {
                    writer.WriteRawValue(json, skipInputValidation: true);
                }
                else
                {
                    writer.WriteStringValue(HttpRequestModel.Unwrap(rendered));
                }

                break;
            case BodyNode.List list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    Write(writer, item, model);
                }

                writer.WriteEndArray();
                break;
            case BodyNode.Map map:
                writer.WriteStartObject();
                foreach (var (name, value) in map.Members)
                {
                    writer.WritePropertyName(name);
                    Write(writer, value, model);
                }

                writer.WriteEndObject();
                break;
            case BodyNode.Text text:
                writer.WriteStringValue(HttpRequestModel.Unwrap(text.Template.Render(model)));
                break;
        }
    }
}

/// <summary>One node of an http body tree.</summary>
internal abstract record BodyNode
{
    /// <summary>A number, true, false or null written unquoted in YAML: sent as that JSON value.</summary>
    public sealed record Literal(string Json) : BodyNode;

    /// <summary>A string leaf: a template, sent as a string or as the one JSON value it renders.</summary>
    public sealed record Leaf(ItemTemplate Template) : BodyNode;

    /// <summary>The whole body as one template (sent as rendered).</summary>
    public sealed record Text(ItemTemplate Template) : BodyNode;

    public sealed record List(IReadOnlyList<BodyNode> Items) : BodyNode;

    public sealed record Map(IReadOnlyList<KeyValuePair<string, BodyNode>> Members) : BodyNode;
}
