using System.Data.Common;
using System.Globalization;
using CiGate.Core.Diagnostics;
using CiGate.Core.History;

namespace CiGate.History;

/// <summary>The coverage_runs table (schema version 4): records `cigate coverage --record`, reads its
/// trend.</summary>
internal static class CoverageHistory
{
    public static async Task<RecordOutcome> RecordAsync(DbConnection connection, CoverageRecord record,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        var id = record.Identity;
        try
        {
            await using var insert = Sql.Command(connection, null, """
                INSERT INTO coverage_runs (measurement_id, repository, commit_sha, branch, tag, pull_request, runner,
                  run_url, measured_at, recorded_at, tool_version, traffic_sha256, embedder, suites, records,
                  test_cases, clusters, uncovered_clusters, coverage, uncovered_share, uncovered_negative_share)
                VALUES (@id, @repository, @commit, @branch, @tag, @pr, @runner, @run_url, @measured, @recorded, @tool,
                  @traffic, @embedder, @suites, @records, @cases, @clusters, @uncovered, @coverage, @share, @negative)
                ON CONFLICT (measurement_id) DO NOTHING
                """);
            insert.Text("@id", record.MeasurementId);
            insert.Text("@repository", id.Repository);
            insert.Text("@commit", id.Commit?.ToLowerInvariant());
            insert.Text("@branch", id.Branch);
            insert.Text("@tag", id.Tag);
            insert.Int("@pr", id.PullRequest);
            insert.Text("@runner", id.Runner);
            insert.Text("@run_url", id.RunUrl);
            insert.Text("@measured", Sql.Time(record.MeasuredAt));
            insert.Text("@recorded", Sql.Time(DateTimeOffset.UtcNow));
            insert.Text("@tool", record.ToolVersion);
            insert.Text("@traffic", record.TrafficSha256);
            insert.Text("@embedder", record.Embedder);
            insert.Text("@suites", record.Suites);
            insert.Int("@records", record.Records);
            insert.Int("@cases", record.TestCases);
            insert.Int("@clusters", record.Clusters);
            insert.Int("@uncovered", record.UncoveredClusters);
            insert.Real("@coverage", record.Coverage);
            insert.Real("@share", record.UncoveredShare);
            insert.Real("@negative", record.UncoveredNegativeShare);
            return await insert.ExecuteNonQueryAsync(ct) == 1 ? RecordOutcome.Recorded : RecordOutcome.AlreadyRecorded;
        }
        catch (Exception ex) when (ex is DbException or IOException or TimeoutException)
        {
            throw new CiGateException(new Diagnostic(DiagnosticCodes.HistoryStoreUnavailable,
                $"recording coverage measurement {record.MeasurementId} failed, nothing of it was recorded: "
                + $"{ex.Message.TrimEnd('.')}. Record it again when the history database is back"));
        }
    }

    public static async Task<IReadOnlyList<SeriesPoint>> SeriesAsync(DbConnection connection, TrendQuery query,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        // The column comes from a fixed list, never from the caller's text.
        var column = CoverageRecord.Metrics.FirstOrDefault(m => m == query.Metric)
            ?? throw new CiGateException(new Diagnostic(DiagnosticCodes.HistoryNoData,
                $"coverage has no metric '{query.Metric}'; it has {string.Join(", ", CoverageRecord.Metrics)}"));
        await using var select = connection.CreateCommand();
        var sql = $"""
            SELECT measurement_id, repository, commit_sha, branch, tag, pull_request, runner, run_url, measured_at,
              embedder, suites, {column}, records
            FROM coverage_runs WHERE 1 = 1
            """;
        if (query.Branch is not null)
        {
            sql += " AND branch = @branch";
            select.Text("@branch", query.Branch);
        }

        if (query.Target is not null)
        {
            sql += " AND embedder = @embedder";
            select.Text("@embedder", query.Target);
        }

        sql += " ORDER BY measured_at DESC, measurement_id DESC";
        if (query.Last is { } last)
        {
            sql += " LIMIT @last";
            select.Int("@last", last);
        }

        select.CommandText = sql;
        var points = new List<SeriesPoint>();
        await using var rows = await select.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
        {
            var identity = new RunIdentity(rows.NullableString(1), rows.NullableString(2), rows.NullableString(3),
                rows.NullableString(4), rows.NullableInt(5) is { } pr ? (int)pr : null, rows.NullableString(6),
                rows.NullableString(7));
            var embedder = rows.GetString(9);
            var value = Convert.ToDouble(rows.GetValue(11), CultureInfo.InvariantCulture);
            points.Add(new SeriesPoint(rows.GetString(0), identity, Sql.ParseTime(rows.GetString(8)), embedder,
                new MeasurementIdentity(embedder, null, null, rows.GetString(10)), value, 0,
                (int)rows.GetInt64(12)));
        }

        points.Reverse();
        return points;
    }
}
