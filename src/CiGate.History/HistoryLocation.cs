using CiGate.Core.Diagnostics;

namespace CiGate.History;

/// <summary>
/// Where the history lives: a SQLite file (the default, <see cref="DefaultSqlitePath"/>) or a
/// PostgreSQL server whose connection string is in an environment variable. The connection
/// string never comes from a command line and is never printed: <see cref="Describe"/> names
/// the variable only.
/// </summary>
public sealed record HistoryLocation(string? SqlitePath = null, string? PostgresEnvironmentVariable = null)
{
    public const string DefaultSqlitePath = ".cigate/history.db";

    public bool IsPostgres => PostgresEnvironmentVariable is not null;

    public string Describe() => IsPostgres ? $"PostgreSQL (${PostgresEnvironmentVariable})" : Path.GetFullPath(SqlitePath ?? DefaultSqlitePath);

    /// <summary>The connection string from the environment; CIGATE0702 when the variable is unset or empty.</summary>
    public string PostgresConnectionString(Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var name = PostgresEnvironmentVariable ?? throw new InvalidOperationException("not a PostgreSQL location");
        return env(name) is { Length: > 0 } value
            ? value
            : throw new CiGateException(new Diagnostic(DiagnosticCodes.HistoryConnectionMissing, $"environment variable '{name}' is not set or empty; it must hold the PostgreSQL connection string (for example Host=...;Database=...;Username=...;Password=...)"));
    }
}
