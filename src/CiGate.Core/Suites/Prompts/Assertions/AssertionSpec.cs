using System.Globalization;
using CiGate.Core.Config;
using CiGate.Core.Diagnostics;
using CiGate.Core.Templating;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CiGate.Core.Suites.Prompts.Assertions;

/// <summary>One assertion item as read from YAML, with helpers that report problems at the right node.</summary>
internal sealed class AssertionSpec
{
    public required string Type { get; init; }

    /// <summary>The type without its "not-" prefix.</summary>
    public required string Kind { get; init; }

    public required bool Negated { get; init; }

    public required string? Metric { get; init; }

    public required double Weight { get; init; }

    public required double? Threshold { get; init; }

    /// <summary>True when the item has a threshold key, even one already reported as invalid.</summary>
    public required bool HasThreshold { get; init; }

    public required YamlNode? Value { get; init; }

    public required YamlMappingNode Node { get; init; }

    public required YamlContext Context { get; init; }

    public required string Section { get; init; }

    public required string BaseDirectory { get; init; }

    /// <summary>The assertion's own `grader:` (a target name), already checked to exist; null means the suite's grader.</summary>
    public string? Grader { get; init; }

    public IAssertion Build(Func<AssertionContext, Check> check) => new CheckAssertion(Type, Metric, Weight, Negated, check);

    public void Report(string code, YamlNode node, string message) => Context.Report(code, node, message);

    public YamlNode? RequireValue(string what)
    {
        if (Value is null)
        {
            Report(DiagnosticCodes.MissingKey, Node, $"'{Section}' ({Type}) needs a 'value': {what}");
        }

        return Value;
    }

    public double? RequireThreshold(string what)
    {
        if (Threshold is null && !HasThreshold)
        {
            Report(DiagnosticCodes.MissingKey, Node, $"'{Section}' ({Type}) needs a 'threshold': {what}");
        }

        return Threshold;
    }

    public ValueTemplate? Template(YamlNode node)
    {
        if (node is not YamlScalarNode scalar)
        {
            Report(DiagnosticCodes.WrongType, node, $"'{Section}.value' must be a string for '{Type}'");
            return null;
        }

        return Parse(scalar.Value ?? "", scalar);
    }

    /// <summary>A list of strings, or one string of comma-separated items as promptfoo accepts.</summary>
    public IReadOnlyList<ValueTemplate>? TemplateList(YamlNode node)
    {
        var items = new List<(string Text, YamlScalarNode Node)>();
        if (node is YamlScalarNode single)
        {
            if (CommaSeparatedValues.Parse(single.Value ?? "", out var error) is not { } fields)
            {
                Report(DiagnosticCodes.InvalidValue, node, $"'{Section}.value' is not a valid comma-separated list for '{Type}': {error}");
                return null;
            }

            items.AddRange(fields.Select(f => (f, single)));
        }
        else if (node is YamlSequenceNode list && list.Children.All(c => c is YamlScalarNode))
        {
            items.AddRange(list.Children.Cast<YamlScalarNode>().Select(c => (c.Value ?? "", c)));
        }
        else
        {
            Report(DiagnosticCodes.WrongType, node, $"'{Section}.value' must be a list of strings for '{Type}'");
            return null;
        }

        if (items.Count == 0)
        {
            Report(DiagnosticCodes.InvalidValue, node, $"'{Section}.value' must list at least one string for '{Type}'");
            return null;
        }

        var templates = items.Select(i => Parse(i.Text, i.Node)).ToList();
        return templates.Any(t => t is null) ? null : templates.Select(t => t!).ToList();
    }

    public int? Count(YamlNode node)
    {
        if (node is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            return value;
        }

        Report(DiagnosticCodes.InvalidValue, node, $"'{Section}.value' must be a whole number of at least 0 for '{Type}'");
        return null;
    }

    private ValueTemplate? Parse(string text, YamlScalarNode scalar)
    {
        var block = scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded;
        var column = (int)scalar.Start.Column + (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0);
        var template = ItemTemplate.Parse(text, Context.FileOf(scalar), (int)scalar.Start.Line, column, block, Context.Diagnostics);
        return template is null ? null : new ValueTemplate(template);
    }
}
