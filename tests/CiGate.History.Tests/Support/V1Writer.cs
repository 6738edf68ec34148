using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using CiGate.Core.Comparing;
using CiGate.Core.History;
using CiGate.Core.Results;

namespace CiGate.History.Tests.Support;

/// <summary>Writes a run as schema version 1 stored it (question and reference in every item row).</summary>
internal static class V1Writer
{
    public static async Task WriteAsync(DbConnection connection, LoadedRun run, RunIdentity identity, CancellationToken ct)
    {
        var r = run.Results;
        var runId = await ScalarAsync(connection, """
            INSERT INTO runs (run_id, repository, commit_sha, branch, tag, started_at, recorded_at, tool_version, status, results_json)
            VALUES (@id, @repo, @commit, @branch, @tag, @started, @started, '0.0.9', @status, @json) RETURNING id
            """, ct, ("@id", r.RunId), ("@repo", identity.Repository), ("@commit", identity.Commit), ("@branch", identity.Branch), ("@tag", identity.Tag),
            ("@started", r.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)), ("@status", r.Status), ("@json", JsonSerializer.Serialize(r, ResultsJson.Options)));
        foreach (var suite in r.Suites)
        {
            var keys = suite.Metrics.Keys.Order(StringComparer.Ordinal).ToArray();
            var filters = run.Items.SelectMany(i => i.Extracted.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
            var suiteRun = await ScalarAsync(connection, """
                INSERT INTO suite_runs (run, suite, target, kind, model, served_model, definition_hash, prompt_template_hash, dataset_sha256, score_keys, extract_keys)
                VALUES (@run, @suite, @target, @kind, @model, @served, @def, @prompt, @data, @scores, @extracts) RETURNING id
                """, ct, ("@run", runId), ("@suite", suite.Suite), ("@target", suite.Target), ("@kind", suite.Kind), ("@model", suite.Model), ("@served", MeasurementIdentity.Of(suite).Model),
                ("@def", suite.DefinitionHash), ("@prompt", suite.PromptTemplateHash), ("@data", suite.Dataset?.Sha256), ("@scores", JsonSerializer.Serialize(keys)), ("@extracts", JsonSerializer.Serialize(filters)));
            foreach (var (name, m) in suite.Metrics)
            {
                await ScalarAsync(connection, "INSERT INTO metrics (suite_run, metric, value, std_err, n) VALUES (@s, @m, @v, @e, @n)", ct, ("@s", suiteRun), ("@m", name), ("@v", m.Value), ("@e", m.StdErr), ("@n", (long)m.N));
            }

            foreach (var i in run.Items.Where(i => i.Suite == suite.Suite))
            {
                var scores = string.Join(' ', keys.Select(k => i.Scores.TryGetValue(k, out var v) ? v.ToString("R", CultureInfo.InvariantCulture) : ""));
                var extracted = string.Join('\u001f', filters.Select(k => i.Extracted.TryGetValue(k, out var v) ? v : "\u001e"));
                await ScalarAsync(connection, """
                    INSERT INTO items (suite_run, item, rep, prompt_hash, grp, question, reference, scores, extracted, latency_ms, attempts, cached, served_model, error_kind, error)
                    VALUES (@s, @item, @rep, @hash, @grp, @q, @ref, @scores, @ex, @lat, @att, @cached, @served, @ek, @err)
                    """, ct, ("@s", suiteRun), ("@item", i.Item), ("@rep", (long)i.Repeat), ("@hash", i.PromptHash), ("@grp", i.Group), ("@q", i.Question), ("@ref", i.Reference),
                    ("@scores", scores), ("@ex", extracted), ("@lat", i.LatencyMs), ("@att", (long)i.Attempts), ("@cached", i.Cached ? 1L : 0L), ("@served", i.ServedModel is null ? "" : null), ("@ek", i.ErrorKind), ("@err", i.Error));
            }
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.DbType = value switch { long => System.Data.DbType.Int64, double => System.Data.DbType.Double, _ => System.Data.DbType.String };
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }

        return await command.ExecuteScalarAsync(ct);
    }
}
