using CiGate.Cli.Tests.Support;

namespace CiGate.Cli.Tests;

/// <summary>Dataset mistakes, placed at the dataset's own line.</summary>
public sealed class DatasetErrorTests
{
    [Fact]
    public async Task MissingDatasetPath_IsPlacedOnThePathInTheConfig()
    {
        using var folder = new TempFolder();
        var yaml = Configs.Valid.Replace("path: data.jsonl", "path: data/nowhere.jsonl", StringComparison.Ordinal);
        var config = folder.Write("cigate.yml", yaml);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0101", config, YamlPlace.Of(yaml, "data/nowhere.jsonl"));
        Assert.Contains(folder.File("data/nowhere.jsonl"), line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingDatasetPath_HasNoFetchHint_WhenNoPublicDatasetLivesThere()
    {
        using var folder = new TempFolder();
        var config = folder.Write("cigate.yml", Configs.Valid.Replace("path: data.jsonl", "path: data/nowhere.jsonl", StringComparison.Ordinal));

        var result = await CliRunner.RunAsync("validate", config);

        Assert.DoesNotContain("cigate datasets", Assert.Single(CliAssert.ErrorLines(result, "CIGATE0101")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preset_without_its_public_dataset_says_how_to_fetch_it()
    {
        using var folder = new TempFolder();
        var yaml = """
            version: 1
            targets:
              sim: { model: m, simulator: { seed: 1 } }
            suites:
              xstest: { preset: xstest }
              fc: { preset: bfcl }
              maths:
                kind: accuracy
                dataset: { path: ../data/gsm8k/test.jsonl }
                prompt: { template: "{{ question }}" }
                scoring: { extract: { regex: "(\\d+)" }, reference: answer }
            """;
        var config = folder.Write("cigate.yml", yaml);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        var errors = string.Join('\n', CliAssert.ErrorLines(result));
        Assert.Contains("'datasets/xstest/xstest_prompts.csv' not found", errors, StringComparison.Ordinal);
        Assert.Contains("`cigate datasets fetch xstest` downloads it (CC-BY-4.0)", errors, StringComparison.Ordinal);
        Assert.Contains("BFCL_v4_simple_python.json not found; `cigate datasets fetch bfcl` downloads it (Apache-2.0)", errors, StringComparison.Ordinal);
        Assert.Contains("`cigate datasets fetch gsm8k --dir ../data` downloads it (MIT)", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedJsonLine_IsReportedAtItsLine()
    {
        using var folder = new TempFolder();
        var lines = Datasets.Jsonl(4).Split('\n');
        lines[2] = lines[2].Replace("\"question\"", "question", StringComparison.Ordinal);
        var data = folder.Write("data.jsonl", string.Join('\n', lines));
        var config = folder.Write("cigate.yml", Configs.Valid);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0102", data, 3);
        Assert.Contains("invalid JSON", line, StringComparison.Ordinal);
        Assert.Single(CliAssert.ErrorLines(result));
    }

    [Fact]
    public async Task InvalidUtf8InJsonl_IsAnEncodingErrorAtItsLineAndColumn()
    {
        using var folder = new TempFolder();
        var lines = Datasets.Jsonl(4).Split('\n');
        var bytes = new List<byte>(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines[..2]) + "\n{\"id\": \"q3\", \"question\": \"caf"));
        bytes.AddRange([0xE9, 0x3F]); // Latin-1 é: not UTF-8
        bytes.AddRange(System.Text.Encoding.UTF8.GetBytes("\", \"options\": [\"a\"], \"answer\": \"A\", \"topic\": \"t0\"}\n" + lines[3] + "\n"));
        var data = folder.File("data.jsonl");
        await File.WriteAllBytesAsync(data, [.. bytes], TestContext.Current.CancellationToken);
        var config = folder.Write("cigate.yml", Configs.Valid);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0120", data, (3, 30));
        Assert.Contains("byte 0xE9 is not valid UTF-8", line, StringComparison.Ordinal);
        CliAssert.NoStackTrace(result);
    }

    [Fact]
    public async Task LoneSurrogateEscapeInJsonl_IsAnEncodingErrorAtItsLine()
    {
        using var folder = new TempFolder();
        var lines = Datasets.Jsonl(3).Split('\n');
        lines[1] = lines[1].Replace("Which option", "Which \\ud800 option", StringComparison.Ordinal);
        var data = folder.Write("data.jsonl", string.Join('\n', lines));
        var config = folder.Write("cigate.yml", Configs.Valid);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0120", data, 2);
        Assert.Contains("unpaired surrogate", line, StringComparison.Ordinal);
        CliAssert.NoStackTrace(result);
    }

    [Fact]
    public async Task InvalidUtf8InCsv_IsAnEncodingErrorAtItsLine_NotSilentlyReplaced()
    {
        using var folder = new TempFolder();
        var bytes = new List<byte>(System.Text.Encoding.UTF8.GetBytes("id,question,answer\nq1,fine,A\nq2,caf"));
        bytes.Add(0xE9);
        bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(",B\n"));
        var data = folder.File("data.csv");
        await File.WriteAllBytesAsync(data, [.. bytes], TestContext.Current.CancellationToken);
        var config = folder.Write("cigate.yml", CsvConfig);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0120", data, (3, 7));
        Assert.Contains("not valid UTF-8", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OptionsGivenAsAString_IsADatasetErrorAtItsLine()
    {
        using var folder = new TempFolder();
        var lines = Datasets.Jsonl(3).Split('\n');
        lines[1] = lines[1].Replace("[\"one\", \"two\", \"three\", \"four\"]", "\"one, two, three, four\"", StringComparison.Ordinal);
        var data = folder.Write("data.jsonl", string.Join('\n', lines));
        var config = folder.Write("cigate.yml", Configs.Valid);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0102", data, (2, 1));
        Assert.Contains("field 'options' is a string, but the prompt template loops over it", line, StringComparison.Ordinal);
        Assert.Single(CliAssert.ErrorLines(result));
    }

    [Fact]
    public async Task RecordWithoutTheIdField_IsReportedAtItsLine()
    {
        using var folder = new TempFolder();
        var data = folder.Write("data.jsonl", Datasets.Jsonl(3) + """{"question": "no id here", "options": ["a"], "answer": "A", "topic": "t0"}""" + "\n");
        var config = folder.Write("cigate.yml", Configs.Valid);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0103", data, (4, 1));
        Assert.Contains("record has no field 'id'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsvRecordWithAWrongFieldCount_IsReportedAtTheLineItStartsOn()
    {
        using var folder = new TempFolder();
        // The quoted field spans two lines, so the short record starts on line 4, not record 3.
        var data = folder.Write("data.csv", "id,question,answer\nq1,\"What, exactly,\nis it?\",A\nq2,only two\nq3,fine,C\n");
        var config = folder.Write("cigate.yml", CsvConfig);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0102", data, (4, 1));
        Assert.Contains("record has 2 fields but the header has 3", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuplicateItemIds_NameTheFirstLine()
    {
        using var folder = new TempFolder();
        var lines = Datasets.Jsonl(3).Split('\n');
        lines[2] = lines[2].Replace("\"q3\"", "\"q1\"", StringComparison.Ordinal);
        var data = folder.Write("data.jsonl", string.Join('\n', lines));
        var config = folder.Write("cigate.yml", Configs.Valid);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0102", data, (3, 1));
        Assert.Contains("item id 'q1' repeats the id on line 1", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyDataset_IsReported()
    {
        using var folder = new TempFolder();
        var data = folder.Write("data.jsonl", "\n\n");
        var config = folder.Write("cigate.yml", Configs.Valid);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        CliAssert.HasError(result, "CIGATE0104", data);
    }

    [Fact]
    public async Task GroupByFieldMissingFromARecord_IsReportedAtItsLine()
    {
        using var folder = new TempFolder();
        var data = folder.Write("data.jsonl", Datasets.Jsonl(2) + """{"id": "q3", "question": "q", "options": ["a"], "answer": "A"}""" + "\n");
        var config = folder.Write("cigate.yml", Configs.Valid);

        var result = await CliRunner.RunAsync("validate", config);

        CliAssert.Fails(result);
        var line = CliAssert.HasError(result, "CIGATE0103", data, (3, 1));
        Assert.Contains("'topic'", line, StringComparison.Ordinal);
    }

    /// <summary>The valid config reading data.csv (which has no topic column to group by).</summary>
    private static string CsvConfig => Configs.Valid
        .Replace("path: data.jsonl", "path: data.csv", StringComparison.Ordinal)
        .Replace("      group_by: topic\n", "", StringComparison.Ordinal);
}
