namespace CiGate.History.Schema;

/// <summary>One step of the schema: the statements that bring version <c>Version − 1</c> to <c>Version</c>.</summary>
internal sealed record Migration(int Version, string Description, Func<SqlDialect, IReadOnlyList<string>> Statements);
