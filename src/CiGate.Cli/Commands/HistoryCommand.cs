using System.CommandLine;

namespace CiGate.Cli.Commands;

/// <summary>
/// `cigate history ...`: record runs and ask the store about them (list, trend, compare, export, change
/// points, site).
/// </summary>
internal static class HistoryCommand
{
    public static Command Create(TextWriter stdout) =>
        new("history", "Record runs in a history store (SQLite or PostgreSQL) and query trends, releases and change points")
        {
            HistoryRecordCommand.Create(stdout),
            HistoryListCommand.Create(stdout),
            HistoryTrendCommand.Create(stdout),
            HistoryCompareCommand.Create(stdout),
            HistoryExportCommand.Create(stdout),
            HistoryChangePointsCommand.Create(stdout),
            HistorySiteCommand.Create(stdout),
        };
}
