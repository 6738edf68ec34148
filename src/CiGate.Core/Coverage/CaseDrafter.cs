using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Suites.Prompts;
using CiGate.Core.Suites.Prompts.Assertions;
using CiGate.Core.Targets;
using CiGate.Core.Text;

namespace CiGate.Core.Coverage;

/// <summary>One drafted case: the cluster it comes from, the redacted traffic text, the assertions kept from the
/// generator's proposal (JSON objects, each valid on its own) and why none were kept, if so.</summary>
public sealed record DraftedCase(CoverageCluster Cluster, int Exemplar, string Text,
    IReadOnlyList<JsonObject> Assertions, string? Note);

/// <summary>Where drafted cases go: a new prompts suite, its targets, prompts, grader and the var the text
/// fills.</summary>
public sealed record DraftTarget(string SuiteName, IReadOnlyList<string> Targets, IReadOnlyList<JsonObject> Prompts,
    string Var, string? Grader, bool GradedAllowed);

/// <summary>
/// `cigate draft-tests`: turns the redacted exemplars of chosen clusters into prompt test cases marked
/// `unreviewed: true`, with assertions a generator target proposes. The generator sees the redacted text only;
/// every proposed assertion is read by the suite's own assertion reader and kept only when it is valid alone, is
/// not model-graded unless the drafted suite has a grader, and holds nothing the PII scanner flags. The output is
/// a config file (one `suites:` entry) that the config loader reads like any other.
/// </summary>
public static partial class CaseDrafter
{
    /// <summary>The first line of the generator's instructions (the simulator recognises it).</summary>
    public const string GeneratorHeader = "You propose test assertions for CiGate.";

    public const string DefaultVar = "text";

    private static readonly JsonSerializerOptions Compact = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly HashSet<string> AllPii = new(PiiScanner.Kinds, StringComparer.Ordinal);

    /// <summary>The generator's chat request for one redacted traffic text.</summary>
    public static IReadOnlyList<ChatMessage> GeneratorMessages(string text) =>
    [
        new("system", GeneratorHeader + "\n"
            + "The user message below is a real request to an LLM application (personal data already replaced by "
            + "[kind] markers). Propose 1 to 3 checks that any good reply to it must pass. Reply with JSON only: "
            + "{\"assert\": [{\"type\": ..., \"value\": ...}]}. Types: icontains, contains, not-icontains, regex, "
            + "icontains-any (value: a list), max-words, is-json, llm-rubric (value: what a good reply does). "
            + "Prefer checks that do not depend on exact wording."),
        new("user", text),
    ];

    /// <summary>
    /// The valid assertions of a generator's reply (a JSON object with `assert`, or a bare array; a ```json fence
    /// is unwrapped). <paramref name="note"/> says why nothing was kept when nothing was.
    /// </summary>
    public static IReadOnlyList<JsonObject> Accept(string reply, DraftTarget target, string baseDirectory,
        IReadOnlyCollection<string> targetNames, out string? note)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(target);
        var proposed = Proposed(reply);
        if (proposed is null)
        {
            note = "the generator's reply was not JSON with an 'assert' list";
            return [];
        }

        var kept = new List<JsonObject>();
        var rejected = new List<string>();
        foreach (var item in proposed)
        {
            if (item is not JsonObject assertion || assertion["type"]?.GetValueKind() != JsonValueKind.String)
            {
                rejected.Add("an entry without a type");
                continue;
            }

            // Drafted checks are never critical: a person decides that when reviewing.
            assertion.Remove("critical");
            var json = assertion.ToJsonString(Compact);
            var type = assertion["type"]!.GetValue<string>();
            if (PiiScanner.Scan(json, AllPii).Count > 0)
            {
                rejected.Add($"{type} (holds personal data)");
            }
            else if (Read(json, baseDirectory, targetNames) is not { } read)
            {
                rejected.Add($"{type} (not a valid assertion)");
            }
            else if (!target.GradedAllowed && read is Suites.Prompts.Grading.GradedAssertion { Grader: null })
            {
                rejected.Add($"{type} (model-graded, and the drafted suite has no grader)");
            }
            else
            {
                kept.Add(JsonNode.Parse(json)!.AsObject());
            }
        }

        note = kept.Count > 0 ? null
            : rejected.Count == 0 ? "the generator proposed no assertion"
            : $"every proposed assertion was dropped: {string.Join(", ", rejected)}";
        return kept;
    }

    /// <summary>The config file: one prompts suite holding every drafted case, each `unreviewed: true`.</summary>
    public static string Yaml(DraftTarget target, IReadOnlyList<DraftedCase> cases, string source)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(cases);
        var yaml = new StringBuilder();
        yaml.Append("# Drafted by `cigate draft-tests` from ").Append(OneLine(source)).Append(".\n")
            .Append("# Every case is `unreviewed: true`: it runs and is reported, but never gates. Read each\n")
            .Append("# one, fix or add its assertions, then delete the mark (or the case). Texts are redacted\n")
            .Append("# traffic.\n")
            .Append("suites:\n")
            .Append("  ").Append(Quote(target.SuiteName)).Append(":\n")
            .Append("    kind: prompts\n");
        if (target.Targets.Count > 0)
        {
            yaml.Append("    targets: [").Append(string.Join(", ", target.Targets.Select(Quote))).Append("]\n");
        }

        if (target.Grader is not null)
        {
            yaml.Append("    grader: ").Append(Quote(target.Grader)).Append('\n');
        }

        yaml.Append("    prompts:\n");
        foreach (var prompt in target.Prompts)
        {
            yaml.Append("      - ").Append(prompt.ToJsonString(Compact)).Append('\n');
        }

        yaml.Append("    tests:\n");
        foreach (var group in cases.GroupBy(c => c.Cluster.Id))
        {
            var cluster = group.First().Cluster;
            var terms = cluster.TopTerms.Count > 0 ? $" ({string.Join(", ", cluster.TopTerms)})" : "";
            yaml.Append(Invariant($"      # cluster #{cluster.Id}{OneLine(terms)}: "))
                .Append(Invariant($"{cluster.TrafficShare:P1} of traffic ({cluster.Records} records), "))
                .Append(Invariant($"{cluster.NegativeFeedbackShare:P1} of negative feedback"))
                .Append(cluster.Covered ? ", covered" : ", uncovered").Append('\n');
            foreach (var drafted in group)
            {
                yaml.Append("      - description: ")
                    .Append(Quote(Invariant($"cluster {cluster.Id}{terms}, exemplar {drafted.Exemplar}"))).Append('\n')
                    .Append("        unreviewed: true\n")
                    .Append("        vars: { ").Append(Quote(target.Var)).Append(": ").Append(Quote(drafted.Text))
                    .Append(" }\n");
                if (drafted.Assertions.Count == 0)
                {
                    yaml.Append("        # no assertion (").Append(OneLine(drafted.Note ?? "none proposed"))
                        .Append("): add one before removing `unreviewed`, or the case cannot fail\n");
                    continue;
                }

                yaml.Append("        assert:\n");
                foreach (var assertion in drafted.Assertions)
                {
                    yaml.Append("          - ").Append(assertion.ToJsonString(Compact)).Append('\n');
                }
            }
        }

        return yaml.ToString();
    }

    /// <summary>
    /// Where the drafts go. With a prompts suite: its targets, prompts (files by a path relative to
    /// <paramref name="outDirectory"/>, inline texts as text), grader, and the var its prompts take (the only one,
    /// or <paramref name="var"/>). Without: a suite sending the text as the user message.
    /// </summary>
    public static DraftTarget Target(CiGateConfig config, string? suite, string? var, string? name, string outDirectory)
    {
        ArgumentNullException.ThrowIfNull(config);
        var graders = config.Targets.Where(t => t.Role == TargetRole.Grader).Select(t => t.Name).ToList();
        if (suite is null)
        {
            var v = var ?? DefaultVar;
            var prompt = new JsonObject { ["id"] = "traffic", ["text"] = "{{ " + v + " }}" };
            return new DraftTarget(name ?? "drafted", [], [prompt], v, null, graders.Count == 1);
        }

        if (config.Suites.FirstOrDefault(s => s.Name == suite) is not PromptsSuite prompts)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.DraftSuiteUnfit,
                $"--suite '{suite}' is not a prompts suite of the config; drafted cases go to a prompts suite "
                + "(or leave --suite out for a suite that sends the traffic text as it is)", config.SourcePath));
        }

        var used = prompts.Prompts.SelectMany(p => VarReference().Matches(p.Source).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        // Template keywords ({{ for x in ... }}) match too: the vars the suite's cases set narrow it down.
        var caseVars = prompts.Tests.SelectMany(t => t.Vars.Keys).ToHashSet(StringComparer.Ordinal);
        if (used.Where(caseVars.Contains).ToList() is { Count: > 0 } set)
        {
            used = set;
        }

        var chosen = var ?? (used.Count == 1 ? used[0] : null);
        if (chosen is null || !used.Contains(chosen))
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.DraftSuiteUnfit,
                var is not null
                    ? $"suite '{suite}'s prompts never use var '{var}' (they use: {string.Join(", ", used)})"
                    : used.Count == 0
                        ? $"suite '{suite}'s prompts use no var, so a traffic text has nowhere to go"
                        : $"suite '{suite}'s prompts use vars {string.Join(", ", used)}; name the one the traffic "
                            + "text fills with --var", config.SourcePath));
        }

        var entries = prompts.Prompts.Select(p => PromptEntry(p, outDirectory)).ToList();
        return new DraftTarget(name ?? $"{suite}-drafted", prompts.Targets, entries, chosen, prompts.Grader,
            prompts.Grader is not null || graders.Count == 1);
    }

    private static JsonObject PromptEntry(SuitePrompt prompt, string outDirectory)
    {
        var isFile = File.Exists(prompt.Origin) && File.ReadAllText(prompt.Origin) == prompt.Source;
        return isFile
            ? new JsonObject
            {
                ["id"] = prompt.Id,
                ["file"] = Path.GetRelativePath(outDirectory, prompt.Origin).Replace('\\', '/'),
            }
            : new JsonObject { ["id"] = prompt.Id, ["text"] = prompt.Source };
    }

    private static JsonArray? Proposed(string reply)
    {
        var text = reply.Trim();
        var fence = Fence().Match(text);
        if (fence.Success)
        {
            text = fence.Groups[1].Value.Trim();
        }

        try
        {
            return JsonNode.Parse(text) switch
            {
                JsonObject o when o["assert"] is JsonArray list => list,
                JsonArray list => list,
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The assertion as the suite reader reads it, or null when the reader reports any problem.</summary>
    private static IAssertion? Read(string json, string baseDirectory, IReadOnlyCollection<string> targetNames)
    {
        var bag = new DiagnosticBag();
        var root = YamlContext.Parse("assert: [" + json + "]", "generator reply", bag);
        if (root is null || bag.HasErrors
            || root.Children.FirstOrDefault().Value is not YamlDotNet.RepresentationModel.YamlSequenceNode list)
        {
            return null;
        }

        var read = AssertionReader.ReadList(list, new YamlContext(bag, "generator reply"), "assert", baseDirectory,
            targetNames);
        return read is { Count: 1 } && !bag.HasErrors ? CriticalAssertion.Unwrap(read[0]) : null;
    }

    /// <summary>A YAML double-quoted scalar (JSON's string escapes are YAML's).</summary>
    private static string Quote(string text) => JsonSerializer.Serialize(text, Compact);

    private static string OneLine(string text) => text.Replace('\n', ' ').Replace('\r', ' ');

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    [GeneratedRegex(@"\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex VarReference();

    [GeneratedRegex(@"^```[a-zA-Z]*\s*\n([\s\S]*?)\n```", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Fence();
}
