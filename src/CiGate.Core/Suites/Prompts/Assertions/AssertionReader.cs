using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Prompts.Assertions;

/// <summary>Reads a test case's <c>assert:</c> list, in promptfoo's shape, into assertions.</summary>
public static class AssertionReader
{
    private const string NotPrefix = "not-";

    /// <summary>
    /// Reads every item, reporting all problems at their nodes; null when any item is invalid.
    /// An absent list reads as no assertions.
    /// </summary>
    /// <param name="targets">The config's target names, which an assertion's `grader:` may name; null accepts any.</param>
    internal static IReadOnlyList<IAssertion>? ReadList(YamlSequenceNode? list, YamlContext context, string section, string baseDirectory, IReadOnlyCollection<string>? targets = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (list is null)
        {
            return [];
        }

        var before = context.Diagnostics.Items.Count;
        var assertions = new List<IAssertion>(list.Children.Count);
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (ReadItem(list.Children[i], context, $"{section}[{i}]", baseDirectory, targets) is { } assertion)
            {
                assertions.Add(assertion);
            }
        }

        return context.Diagnostics.Items.Count > before ? null : assertions;
    }

    private static IAssertion? ReadItem(YamlNode item, YamlContext context, string section, string baseDirectory, IReadOnlyCollection<string>? targets)
    {
        if (item is not YamlMappingNode)
        {
            context.Report(DiagnosticCodes.WrongType, item, $"'{section}' must be a mapping with a 'type', such as {{ type: contains, value: Paris }}");
            return null;
        }

        var map = MapReader.From(item, context, section)!;
        var type = map.String("type", required: true);
        var metric = map.String("metric");
        var weight = map.Double("weight", min: 0) ?? 1;
        var threshold = map.Double("threshold");
        var value = map.Get("value");
        var grader = map.String("grader");
        var critical = map.Bool("critical");
        var subject = map.Get("on") is { } onNode ? ResponseSubjects.Read(onNode, context, section) : null;
        map.Finish();
        if (type is null)
        {
            return null;
        }

        var typeNode = map.Get("type")!;
        var negated = type.StartsWith(NotPrefix, StringComparison.Ordinal);
        var kindName = negated ? type[NotPrefix.Length..] : type;
        if (AssertionCatalog.Refused.TryGetValue(kindName, out var refusal))
        {
            context.Report(DiagnosticCodes.InvalidValue, typeNode, $"assertion type '{type}' is not supported: {refusal}");
            return null;
        }

        if (!AssertionCatalog.Kinds.TryGetValue(kindName, out var kind))
        {
            var hint = Suggest.Closest(type, AssertionCatalog.Kinds.Keys.Concat(AssertionCatalog.Kinds.Keys.Select(k => NotPrefix + k)));
            var tail = hint is null ? $"known types: {string.Join(", ", AssertionCatalog.Kinds.Keys.Order(StringComparer.Ordinal))}" : $"did you mean '{hint}'?";
            context.Report(DiagnosticCodes.InvalidValue, typeNode, $"unknown assertion type '{type}' in '{section}'; {tail}");
            return null;
        }

        var ok = !map.Has("on") || subject is not null;
        if (subject is not null && subject != ResponseSubject.Output && AssertionCatalog.CallLevel.Contains(kindName))
        {
            context.Report(
                DiagnosticCodes.InvalidAssertionSubject,
                map.Get("on")!,
                $"'{section}.on' has no meaning for '{type}', which judges the call itself; remove it");
            ok = false;
        }

        if (negated && !kind.Negatable)
        {
            context.Report(DiagnosticCodes.InvalidValue, typeNode, $"assertion type '{kindName}' cannot be negated with 'not-'");
            ok = false;
        }

        if (threshold is not null && !kind.UsesThreshold)
        {
            // A threshold that is silently ignored is a gate that does not gate.
            context.Report(DiagnosticCodes.InvalidValue, map.Get("threshold")!, $"'{section}.threshold' has no meaning for '{type}'; remove it");
            ok = false;
        }

        if (grader is not null && !kind.UsesGrader)
        {
            context.Report(DiagnosticCodes.InvalidValue, map.Get("grader")!, $"'{section}.grader' has no meaning for '{type}', which calls no model; remove it");
            ok = false;
        }
        else if (grader is not null && targets is not null && !targets.Contains(grader))
        {
            var hint = Suggest.Closest(grader, targets);
            context.Report(DiagnosticCodes.UnknownReference, map.Get("grader")!, $"'{section}.grader' names target '{grader}', which is not defined{(hint is null ? "" : $"; did you mean '{hint}'?")}");
            ok = false;
        }

        var spec = new AssertionSpec
        {
            Type = type,
            Kind = kindName,
            Negated = negated,
            Metric = metric,
            Weight = weight,
            Threshold = threshold,
            HasThreshold = map.Has("threshold"),
            Value = value,
            Node = (YamlMappingNode)item,
            Context = context,
            Section = section,
            BaseDirectory = baseDirectory,
            Grader = grader,
        };
        var assertion = kind.Build(spec);
        if (assertion is not null && subject is { } part && part != ResponseSubject.Output)
        {
            assertion = new SubjectAssertion(assertion, part);
        }

        if (assertion is not null && (critical ?? AssertionCatalog.CriticalByDefault.Contains(kindName)))
        {
            assertion = new CriticalAssertion(assertion);
        }

        return ok ? assertion : null;
    }
}
