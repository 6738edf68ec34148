using System.Data.Common;
using CiGate.Core.Results;

namespace CiGate.History;

/// <summary>Rebuilds a recorded run's item records, as items.jsonl would have given them to compare.</summary>
internal static class ItemLoader
{
    public static async Task<List<ItemRecord>> LoadAsync(DbConnection connection, long run, CancellationToken ct)
    {
        await using var select = Sql.Command(connection, null, """
            SELECT s.id, s.suite, s.target, s.served_model, s.score_keys, s.extract_keys,
              i.item, i.rep, i.prompt_hash, i.grp, t.question, t.reference, i.scores, i.extracted, i.output, i.finish_reason,
              i.latency_ms, i.prompt_tokens, i.completion_tokens, i.attempts, i.cached, i.served_model, i.error_kind, i.error
            FROM items i JOIN suite_runs s ON s.id = i.suite_run
            LEFT JOIN texts t ON t.text_key = s.text_key AND t.item = i.item
            WHERE s.run = @run
            ORDER BY s.id, i.item, i.rep
            """);
        select.Int("@run", run);
        var records = new List<ItemRecord>();
        long current = -1;
        string suite = "", target = "", model = "";
        string[] scoreKeys = [], extractKeys = [];
        await using var rows = await select.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
        {
            var id = rows.GetInt64(0);
            if (id != current)
            {
                current = id;
                (suite, target, model) = (rows.GetString(1), rows.GetString(2), rows.GetString(3));
                (scoreKeys, extractKeys) = (ItemCodec.ParseKeys(rows.GetString(4)), ItemCodec.ParseKeys(rows.GetString(5)));
            }

            records.Add(new ItemRecord
            {
                Suite = suite,
                Target = target,
                Item = rows.GetString(6),
                Repeat = (int)rows.GetInt64(7),
                PromptHash = rows.GetString(8),
                Group = rows.NullableString(9),
                Question = rows.NullableString(10),
                Reference = rows.NullableString(11),
                Scores = ItemCodec.DecodeScores(rows.GetString(12), scoreKeys),
                Extracted = ItemCodec.DecodeExtracted(rows.GetString(13), extractKeys),
                Output = rows.NullableString(14),
                FinishReason = rows.NullableString(15),
                LatencyMs = rows.GetDouble(16),
                PromptTokens = rows.NullableInt(17) is { } p ? (int)p : null,
                CompletionTokens = rows.NullableInt(18) is { } c ? (int)c : null,
                Attempts = (int)rows.GetInt64(19),
                Cached = rows.GetInt64(20) != 0,
                ServedModel = ItemCodec.DecodeServedModel(rows.NullableString(21), model),
                ErrorKind = rows.NullableString(22),
                Error = rows.NullableString(23),
            });
        }

        return records;
    }
}
