using System.Data.Common;
using System.Globalization;
using CiGate.Core.History;
using CiGate.Core.Results;

namespace CiGate.History;

/// <summary>Suites and metrics of many runs in a few queries (the site lists every run).</summary>
internal static class SuiteLoader
{
    private const int Chunk = 500;

    public static async Task<Dictionary<long, List<RecordedSuite>>> LoadAsync(DbConnection connection, IReadOnlyList<long> runs, CancellationToken ct)
    {
        var byRun = new Dictionary<long, List<RecordedSuite>>();
        for (var start = 0; start < runs.Count; start += Chunk)
        {
            // The ids are integers read from the database itself, so inlining them is safe.
            var ids = string.Join(",", runs.Skip(start).Take(Chunk).Select(id => id.ToString(CultureInfo.InvariantCulture)));
            await using var select = Sql.Command(connection, null, $"""
                SELECT s.id, s.run, s.suite, s.target, s.kind, s.model, s.served_model, s.dataset_sha256, s.prompt_template_hash, s.definition_hash,
                  m.metric, m.value, m.std_err, m.n, s.identity_break
                FROM suite_runs s LEFT JOIN metrics m ON m.suite_run = s.id
                WHERE s.run IN ({ids})
                ORDER BY s.run, s.id, m.metric
                """);
            await using var rows = await select.ExecuteReaderAsync(ct);
            long current = -1;
            RecordedSuite? suite = null;
            Dictionary<string, MetricSummary>? metrics = null;
            while (await rows.ReadAsync(ct))
            {
                var id = rows.GetInt64(0);
                if (id != current)
                {
                    current = id;
                    metrics = new Dictionary<string, MetricSummary>(StringComparer.Ordinal);
                    var measurement = new MeasurementIdentity(rows.GetString(6), rows.NullableString(7), rows.NullableString(8), rows.GetString(9));
                    suite = new RecordedSuite(
                        rows.GetString(2), rows.GetString(3), rows.GetString(4), rows.GetString(5), measurement, metrics)
                    {
                        IdentityBreak = rows.GetInt64(14) != 0,
                    };
                    var run = rows.GetInt64(1);
                    if (!byRun.TryGetValue(run, out var list))
                    {
                        byRun[run] = list = [];
                    }

                    list.Add(suite);
                }

                if (!rows.IsDBNull(10))
                {
                    metrics![rows.GetString(10)] = new MetricSummary(rows.GetDouble(11), rows.GetDouble(12), (int)rows.GetInt64(13));
                }
            }
        }

        return byRun;
    }
}
