namespace CiGate.Core.Reporting;

/// <summary>One side of the comparison, for the report's footer.</summary>
internal sealed record RunView(string RunId, string ToolVersion, string Status, string StartedAt, string Folder)
{
    /// <summary>The commit, shortened to 7 characters ("" when the run recorded none).</summary>
    public string Commit { get; init; } = "";
}
