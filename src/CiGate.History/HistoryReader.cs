using System.Data.Common;
using System.Text.Json;
using CiGate.Core.Comparing;
using CiGate.Core.History;
using CiGate.Core.Results;

namespace CiGate.History;

/// <summary>The store's queries: list, series (trend), find by reference, and a run rebuilt for compare.</summary>
internal sealed class HistoryReader(DbConnection connection)
{
    private const string RunColumns = "r.id, r.run_id, r.repository, r.commit_sha, r.branch, r.tag, r.pull_request, r.runner, r.run_url, r.report_url, r.started_at, r.recorded_at, r.tool_version, r.status";

    public async Task<IReadOnlyList<RecordedRun>> ListAsync(HistoryFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var where = new List<string>();
        await using var select = connection.CreateCommand();
        if (filter.Suite is not null)
        {
            where.Add("EXISTS (SELECT 1 FROM suite_runs s WHERE s.run = r.id AND s.suite = @suite)");
            select.Text("@suite", filter.Suite);
        }

        if (filter.Branch is not null)
        {
            where.Add("r.branch = @branch");
            select.Text("@branch", filter.Branch);
        }

        if (filter.Tag is not null)
        {
            where.Add("r.tag = @tag");
            select.Text("@tag", filter.Tag);
        }

        if (filter.Since is { } since)
        {
            where.Add("r.started_at >= @since");
            select.Text("@since", Sql.Time(since));
        }

        select.CommandText = $"SELECT {RunColumns} FROM runs r {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY r.started_at DESC, r.run_id DESC";
        if (filter.Last is { } last)
        {
            select.CommandText += " LIMIT @last";
            select.Int("@last", last);
        }

        return await ReadRunsAsync(select, ct);
    }

    public async Task<IReadOnlyList<RecordedRun>> FindAsync(string reference, CancellationToken ct)
    {
        foreach (var (condition, value) in new[] { ("r.run_id = @ref", reference), ("r.tag = @ref", reference) })
        {
            await using var select = Sql.Command(connection, null, $"SELECT {RunColumns} FROM runs r WHERE {condition} ORDER BY r.started_at DESC, r.run_id DESC");
            select.Text("@ref", value);
            var runs = await ReadRunsAsync(select, ct);
            if (runs.Count > 0)
            {
                return runs;
            }
        }

        if (reference.Length < 4 || !reference.All(char.IsAsciiHexDigit))
        {
            return [];
        }

        // A hex prefix names a commit, or a run id as `history list` shows it (first 8 characters).
        await using var byCommit = Sql.Command(connection, null, $"SELECT {RunColumns} FROM runs r WHERE r.commit_sha LIKE @prefix OR r.run_id LIKE @prefix ORDER BY r.started_at DESC, r.run_id DESC");
        byCommit.Text("@prefix", reference.ToLowerInvariant() + "%");
        return await ReadRunsAsync(byCommit, ct);
    }

    public async Task<IReadOnlyList<SeriesPoint>> SeriesAsync(TrendQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var select = connection.CreateCommand();
        var sql = $"""
            SELECT {RunColumns}, s.target, s.served_model, s.dataset_sha256, s.prompt_template_hash, s.definition_hash, m.value, m.std_err, m.n,
              s.identity_break
            FROM runs r JOIN suite_runs s ON s.run = r.id JOIN metrics m ON m.suite_run = s.id
            WHERE s.suite = @suite AND m.metric = @metric
            """;
        select.Text("@suite", query.Suite);
        select.Text("@metric", query.Metric);
        if (query.Branch is not null)
        {
            sql += " AND r.branch = @branch";
            select.Text("@branch", query.Branch);
        }

        if (query.Target is not null)
        {
            sql += " AND s.target = @target";
            select.Text("@target", query.Target);
        }

        sql += " ORDER BY r.started_at DESC, r.run_id DESC, s.target";
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
            var (runId, identity, started) = (rows.GetString(1), Identity(rows), Sql.ParseTime(rows.GetString(10)));
            var measurement = new MeasurementIdentity(rows.GetString(15), rows.NullableString(16), rows.NullableString(17), rows.GetString(18));
            var (value, stdErr, n) = (rows.GetDouble(19), rows.GetDouble(20), (int)rows.GetInt64(21));
            points.Add(new SeriesPoint(runId, identity, started, rows.GetString(14), measurement, value, stdErr, n)
            {
                IdentityBreak = rows.GetInt64(22) != 0,
            });
        }

        points.Reverse();
        return points;
    }

    public async Task<LoadedRun?> LoadAsync(string runId, CancellationToken ct)
    {
        await using var select = Sql.Command(connection, null, "SELECT id, results_json FROM runs WHERE run_id = @id");
        select.Text("@id", runId);
        long id;
        RunResults results;
        await using (var row = await select.ExecuteReaderAsync(ct))
        {
            if (!await row.ReadAsync(ct))
            {
                return null;
            }

            id = row.GetInt64(0);
            results = ResultsJson.Deserialize(row.GetString(1));
        }

        return new LoadedRun($"history:{runId}", results, await ItemLoader.LoadAsync(connection, id, ct));
    }

    private async Task<List<RecordedRun>> ReadRunsAsync(DbCommand select, CancellationToken ct)
    {
        var runs = new List<(long Id, RecordedRun Run)>();
        await using (var rows = await select.ExecuteReaderAsync(ct))
        {
            while (await rows.ReadAsync(ct))
            {
                runs.Add((rows.GetInt64(0), new RecordedRun(rows.GetString(1), Identity(rows), Sql.ParseTime(rows.GetString(10)), Sql.ParseTime(rows.GetString(11)), rows.GetString(12), rows.GetString(13), [])));
            }
        }

        var suites = await SuiteLoader.LoadAsync(connection, [.. runs.Select(r => r.Id)], ct);
        return [.. runs.Select(r => r.Run with { Suites = suites.GetValueOrDefault(r.Id) ?? [] })];
    }

    /// <summary>Reads the identity columns of <see cref="RunColumns"/> (ordinals 2 to 9).</summary>
    private static RunIdentity Identity(DbDataReader rows) => new(
        rows.NullableString(2),
        rows.NullableString(3),
        rows.NullableString(4),
        rows.NullableString(5),
        rows.NullableInt(6) is { } pr ? (int)pr : null,
        rows.NullableString(7),
        rows.NullableString(8),
        rows.NullableString(9));
}
