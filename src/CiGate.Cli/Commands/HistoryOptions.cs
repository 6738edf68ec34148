using System.CommandLine;
using CiGate.Core.Diagnostics;
using CiGate.History;

namespace CiGate.Cli.Commands;

/// <summary>
/// Where a history command reads or writes: --db PATH (SQLite, default .cigate/history.db) or
/// --postgres-env VAR, the name of the environment variable that holds a PostgreSQL connection
/// string. The connection string itself is never an argument, so it never lands in shell history,
/// CI logs or process listings.
/// </summary>
internal sealed class HistoryOptions
{
    private HistoryOptions(string dbName, string postgresName)
    {
        Db = new Option<string?>(dbName) { Description = $"SQLite history file (default: {HistoryLocation.DefaultSqlitePath})" };
        PostgresEnv = new Option<string?>(postgresName) { Description = "Use PostgreSQL: the name of the environment variable holding its connection string" };
    }

    public Option<string?> Db { get; }

    public Option<string?> PostgresEnv { get; }

    /// <summary>--db and --postgres-env, for the history commands.</summary>
    public static HistoryOptions AddTo(Command command) => AddTo(command, "--db", "--postgres-env");

    /// <summary>--history-db and --history-postgres-env, for run and compare's --record.</summary>
    public static HistoryOptions AddPrefixedTo(Command command) => AddTo(command, "--history-db", "--history-postgres-env");

    public HistoryLocation Location(ParseResult parse)
    {
        var (db, env) = (parse.GetValue(Db), parse.GetValue(PostgresEnv));
        if (db is not null && env is not null)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.Usage, $"give either {Db.Name} or {PostgresEnv.Name}, not both"));
        }

        return new HistoryLocation(db, env);
    }

    private static HistoryOptions AddTo(Command command, string dbName, string postgresName)
    {
        var options = new HistoryOptions(dbName, postgresName);
        command.Options.Add(options.Db);
        command.Options.Add(options.PostgresEnv);
        return options;
    }
}
