using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Config;

/// <summary>
/// Loads YAML text with two bounds checked on the event stream before any node is built: nesting
/// depth, and the nodes that aliases add when expanded. Without them a few hundred bytes of
/// nested aliases ("billion laughs") make every walk over the tree exponential, and deep nesting
/// overflows the recursive node builder. Every YAML the tool reads goes through <see cref="Load"/>,
/// which also applies YAML merge keys (bounded by the same check: a merge is an alias).
/// </summary>
/// <remarks>Also compiled into CiGate.Simulator (for its script files), so it depends on YamlDotNet only.</remarks>
internal static class YamlBounds
{
    /// <summary>Deeper than any config needs; the same as System.Text.Json's default for JSON.</summary>
    public const int MaxDepth = 64;

    private static readonly YamlScalarNode MergeKey = new("<<");

    /// <summary>
    /// Nodes that aliases may add, all aliases of a file together: ten per character of the file
    /// plus a floor. Ordinary anchors (shared defaults, merge keys) stay far below it; a bomb
    /// passes it within its first lines.
    /// </summary>
    public static long MaxAliasNodes(int textLength) => 10_000 + (10L * textLength);

    public static YamlStream Load(string text)
    {
        Check(text);
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        foreach (var document in stream.Documents)
        {
            ApplyMergeKeys(document.RootNode, new HashSet<YamlNode>(ReferenceEqualityComparer.Instance));
        }

        return stream;
    }

    /// <summary>
    /// YAML merge keys: `<<: *defaults` (or a list of aliases) adds each key of those mappings that
    /// the mapping does not set itself; the first mapping listed wins. A `<<` whose value is not a
    /// mapping is left in place, so validation reports it as an unknown key.
    /// </summary>
    private static void ApplyMergeKeys(YamlNode node, HashSet<YamlNode> seen)
    {
        // Each node once: an alias shares its anchor's node, and the anchor's merge is done already.
        if (!seen.Add(node))
        {
            return;
        }

        if (node is YamlSequenceNode sequence)
        {
            foreach (var child in sequence.Children)
            {
                ApplyMergeKeys(child, seen);
            }
        }
        else if (node is YamlMappingNode mapping)
        {
            foreach (var child in mapping.Children.Values)
            {
                ApplyMergeKeys(child, seen);
            }

            if (!mapping.Children.TryGetValue(MergeKey, out var merged))
            {
                return;
            }

            var sources = merged is YamlSequenceNode list ? list.Children : [merged];
            if (sources.Any(s => s is not YamlMappingNode))
            {
                return;
            }

            mapping.Children.Remove(MergeKey);
            foreach (var source in sources.Cast<YamlMappingNode>())
            {
                foreach (var (key, value) in source.Children)
                {
                    if (!mapping.Children.ContainsKey(key))
                    {
                        mapping.Children.Add(key, value);
                    }
                }
            }
        }
    }

    /// <exception cref="YamlBoundsException">The text nests too deep or its aliases expand too far.</exception>
    /// <exception cref="YamlException">The text is not valid YAML.</exception>
    public static void Check(string text)
    {
        var parser = new Parser(new StringReader(text));
        var limit = MaxAliasNodes(text.Length);
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);

        // One frame per open collection: its anchor and the nodes it holds so far, aliases expanded.
        var open = new Stack<(string? Anchor, long Nodes)>();
        long aliasNodes = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case DocumentStart:
                    anchors.Clear();
                    aliasNodes = 0;
                    break;
                case SequenceStart or MappingStart:
                    if (open.Count >= MaxDepth)
                    {
                        throw new YamlBoundsException(
                            YamlBound.Depth, parser.Current.Start, parser.Current.End, $"YAML nests deeper than {MaxDepth} levels");
                    }

                    var start = (NodeEvent)parser.Current;
                    open.Push((start.Anchor.IsEmpty ? null : start.Anchor.Value, 1));
                    break;
                case SequenceEnd or MappingEnd:
                    var (anchor, nodes) = open.Pop();
                    Record(anchor, nodes);
                    break;
                case Scalar scalar:
                    Record(scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value, 1);
                    break;
                case AnchorAlias alias:
                    // An unknown alias is left to the loader, which reports it as a syntax error.
                    var size = anchors.GetValueOrDefault(alias.Value.Value, 1);
                    aliasNodes += size;
                    if (aliasNodes > limit)
                    {
                        throw new YamlBoundsException(
                            YamlBound.Aliases,
                            alias.Start,
                            alias.End,
                            $"YAML aliases expand to more than {limit:N0} nodes (alias '*{alias.Value.Value}' adds {size:N0}); is this an alias bomb?");
                    }

                    AddToParent(size);
                    break;
            }
        }

        void Record(string? anchor, long nodes)
        {
            if (anchor is not null)
            {
                anchors[anchor] = nodes;
            }

            AddToParent(nodes);
        }

        void AddToParent(long nodes)
        {
            if (open.Count > 0)
            {
                var (anchor, total) = open.Pop();
                open.Push((anchor, total + nodes));
            }
        }
    }
}

internal enum YamlBound
{
    Depth,
    Aliases,
}

/// <summary>A YAML text broke one of <see cref="YamlBounds"/>'s limits; <see cref="YamlException.Start"/> is where.</summary>
internal sealed class YamlBoundsException(YamlBound bound, Mark start, Mark end, string message) : YamlException(start, end, message)
{
    public YamlBound Bound { get; } = bound;

    /// <summary>The message without YamlDotNet's "(Line: …)" prefix.</summary>
    public string Reason { get; } = message;
}
