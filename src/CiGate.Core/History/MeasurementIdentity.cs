namespace CiGate.Core.History;

/// <summary>
/// What a number measured: the model the server reported, the dataset, the prompt template and
/// the suite definition. Two points of a trend are comparable only when all four are equal; any
/// change is a break, shown in every trend and never silently bridged.
/// </summary>
public sealed record MeasurementIdentity(string Model, string? DatasetSha256, string? PromptTemplateHash, string DefinitionHash)
{
    /// <summary>A stable key (stored with each recorded suite, so queries can group on it).</summary>
    public string Key => $"{Model}|{DatasetSha256}|{PromptTemplateHash}|{DefinitionHash}";

    /// <summary>Why <paramref name="next"/> is not comparable with this one, in words; empty when it is.</summary>
    public IReadOnlyList<string> Differences(MeasurementIdentity next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var reasons = new List<string>();
        if (!string.Equals(Model, next.Model, StringComparison.Ordinal))
        {
            reasons.Add($"model {Model} -> {next.Model}");
        }

        if (!string.Equals(DatasetSha256, next.DatasetSha256, StringComparison.Ordinal))
        {
            reasons.Add("dataset changed");
        }

        if (!string.Equals(PromptTemplateHash, next.PromptTemplateHash, StringComparison.Ordinal))
        {
            reasons.Add("prompt template changed");
        }

        if (!string.Equals(DefinitionHash, next.DefinitionHash, StringComparison.Ordinal))
        {
            reasons.Add("suite definition changed");
        }

        return reasons;
    }

    /// <summary>The model identity of a suite result: what the server reported, else the configured name.</summary>
    public static MeasurementIdentity Of(Results.SuiteResult suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var served = suite.ServedModels.Count > 0 ? string.Join(",", suite.ServedModels.Order(StringComparer.Ordinal)) : suite.Model;
        return new MeasurementIdentity(served, suite.Dataset?.Sha256, suite.PromptTemplateHash, suite.DefinitionHash);
    }
}
