using System.Text.RegularExpressions;

namespace CiGate.Core.Tests.Architecture;

/// <summary>
/// Issue #18, done-when 4: Core's areas (Config, Results, Running, Comparing, ..., one per suite kind)
/// form no dependency cycle except through the kind seam (<c>Suites</c>: <c>ISuiteKind</c> and the
/// registry), which every stage asks and every kind implements. Read from the source: a type
/// reference counts where C# would resolve it (its namespace is imported, encloses the file's, or
/// qualifies the name); comments and string literals are ignored.
/// </summary>
public sealed partial class NamespaceCycleTests
{
    private const string Seam = "Suites";

    [Fact]
    public void Core_areas_form_no_cycle_outside_the_kind_seam()
    {
        var graph = AreaGraph.Read(CoreSource());
        var cycles = graph.Cycles(without: Seam);

        Assert.True(
            cycles.Count == 0,
            "areas in a cycle: "
                + string.Join("; ", cycles.Select(c => string.Join(" ⇄ ", c) + " — " + graph.Explain(c))));
    }

    [Fact]
    public void The_checker_finds_a_cycle_it_is_shown()
    {
        // The same reader over two tiny areas that use each other: the test above can fail.
        var files = new Dictionary<string, string>
        {
            ["a.cs"] = "namespace CiGate.Core.Alpha;\nusing CiGate.Core.Beta;\ninternal sealed class A { B? b; }",
            ["b.cs"] = "namespace CiGate.Core.Beta;\nusing CiGate.Core.Alpha;\ninternal sealed class B { A? a; }",
            ["c.cs"] = "namespace CiGate.Core.Gamma;\n// uses A in a comment only\n"
                + "internal sealed class C { string s = \"B\"; }",
        };

        var cycles = AreaGraph.Read(files).Cycles(without: Seam);

        Assert.Equal(["Alpha", "Beta"], Assert.Single(cycles));
    }

    private static Dictionary<string, string> CoreSource()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var core = Path.Combine(dir.FullName, "src", "CiGate.Core");
            if (File.Exists(Path.Combine(core, "CiGate.Core.csproj")))
            {
                return Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
                    .Where(f => !IsBuildOutput(Path.GetRelativePath(core, f)))
                    .ToDictionary(f => f, File.ReadAllText, StringComparer.Ordinal);
            }
        }

        throw new InvalidOperationException($"src/CiGate.Core not found above {AppContext.BaseDirectory}");
    }

    private static bool IsBuildOutput(string relative) =>
        relative.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj";

    private sealed class AreaGraph
    {
        private readonly Dictionary<string, Dictionary<string, SortedSet<string>>> edges = new(StringComparer.Ordinal);
        private readonly SortedSet<string> areas = new(StringComparer.Ordinal);

        public static AreaGraph Read(IReadOnlyDictionary<string, string> files)
        {
            var graph = new AreaGraph();
            var parsed = files.Values.Select(Parse).ToList();
            var declared = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var file in parsed)
            {
                graph.areas.Add(AreaOf(file.Namespace));
                foreach (Match m in Declaration().Matches(file.Code))
                {
                    var name = m.Groups[1].Value;
                    (declared.TryGetValue(name, out var set) ? set : declared[name] = []).Add(file.Namespace);
                }
            }

            foreach (var file in parsed)
            {
                var from = AreaOf(file.Namespace);
                var parts = file.Namespace.Split('.');
                var enclosing = Enumerable.Range(1, parts.Length)
                    .Select(n => string.Join('.', parts[..n]))
                    .ToHashSet(StringComparer.Ordinal);
                foreach (Match m in Reference().Matches(file.Code))
                {
                    var qualifier = m.Groups[1].Value.TrimEnd('.');
                    foreach (var ns in declared.GetValueOrDefault(m.Groups[2].Value) ?? [])
                    {
                        var qualified = qualifier.Length > 0
                            && (ns == qualifier || ns.EndsWith("." + qualifier, StringComparison.Ordinal));
                        var visible = file.Usings.Contains(ns) || enclosing.Contains(ns) || qualified;
                        var to = AreaOf(ns);
                        if (visible && to != from)
                        {
                            graph.Edge(from, to).Add(m.Groups[2].Value);
                        }
                    }
                }
            }

            return graph;
        }

        /// <summary>
        /// Strongly connected groups of two or more areas once <paramref name="without"/> is taken out.
        /// </summary>
        public List<List<string>> Cycles(string without)
        {
            var nodes = areas.Where(a => a != without).ToList();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var low = new Dictionary<string, int>(StringComparer.Ordinal);
            var stack = new Stack<string>();
            var onStack = new HashSet<string>(StringComparer.Ordinal);
            var result = new List<List<string>>();
            var counter = 0;

            void Connect(string v)
            {
                index[v] = low[v] = counter++;
                stack.Push(v);
                onStack.Add(v);
                foreach (var w in edges.GetValueOrDefault(v)?.Keys.Where(k => k != without) ?? [])
                {
                    if (!index.ContainsKey(w))
                    {
                        Connect(w);
                        low[v] = Math.Min(low[v], low[w]);
                    }
                    else if (onStack.Contains(w))
                    {
                        low[v] = Math.Min(low[v], index[w]);
                    }
                }

                if (low[v] == index[v])
                {
                    var group = new List<string>();
                    string w;
                    do
                    {
                        w = stack.Pop();
                        onStack.Remove(w);
                        group.Add(w);
                    }
                    while (w != v);
                    if (group.Count > 1)
                    {
                        result.Add([.. group.Order(StringComparer.Ordinal)]);
                    }
                }
            }

            foreach (var v in nodes.Where(v => !index.ContainsKey(v)))
            {
                Connect(v);
            }

            return result;
        }

        public string Explain(IReadOnlyList<string> group) =>
            string.Join(", ", group.SelectMany(a => (edges.GetValueOrDefault(a) ?? []).Where(e => group.Contains(e.Key))
                .Select(e => $"{a} → {e.Key} ({string.Join(' ', e.Value.Take(4))})")));

        private static string AreaOf(string ns)
        {
            var parts = ns.Split('.').Skip(2).ToArray();
            return parts.Length == 0 ? "(root)"
                : parts[0] == Seam && parts.Length > 1 ? $"{Seam}/{parts[1]}"
                : parts[0];
        }

        private static (string Namespace, HashSet<string> Usings, string Code) Parse(string text)
        {
            var code = StringLiteral().Replace(LineComment().Replace(text, ""), "\"\"");
            var ns = FileNamespace().Match(code) is { Success: true } m ? m.Groups[1].Value : "CiGate.Core";
            var usings = UsingDirective().Matches(code)
                .Select(u => u.Groups[1].Value)
                .ToHashSet(StringComparer.Ordinal);
            return (ns, usings, code);
        }

        private SortedSet<string> Edge(string from, string to)
        {
            var targets = edges.TryGetValue(from, out var t) ? t : edges[from] = new(StringComparer.Ordinal);
            return targets.TryGetValue(to, out var names) ? names : targets[to] = new(StringComparer.Ordinal);
        }
    }

    [GeneratedRegex(@"\b(?:class|record|interface|enum|struct)\s+(?:struct\s+|class\s+)?([A-Z]\w*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"((?:[A-Z]\w*\.)*)([A-Z]\w*)\b")]
    private static partial Regex Reference();

    [GeneratedRegex(@"//.*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"^namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"^using\s+([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();
}
