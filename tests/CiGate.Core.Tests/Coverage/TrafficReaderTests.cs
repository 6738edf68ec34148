using CiGate.Core.Coverage;
using CiGate.Core.Diagnostics;

namespace CiGate.Core.Tests.Coverage;

public sealed class TrafficReaderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cigate-coverage-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void An_OpenTelemetry_GenAI_export_is_read_span_by_span_with_the_users_words_redacted()
    {
        // act
        var records = TrafficReader.Read(MmluProTraffic.Fixture("otel-genai.json"));

        // assert: the tool span is skipped; the user's messages only; PII masked
        Assert.Equal(2, records.Count);
        Assert.Equal("gpt-4o-mini", records[0].Model);
        Assert.Equal("How do I reset my password? My email is [email]", records[0].Text);
        Assert.Equal("claude-sonnet", records[1].Model);
        Assert.Equal("Cancel my subscription, card [card]\nThe monthly one", records[1].Text);
    }

    [Fact]
    public void Jsonl_and_csv_read_prompt_messages_model_and_negative_feedback()
    {
        // arrange
        var jsonl = Write("t.jsonl",
            """
            {"prompt": "What is the capital of France?", "model": "m1", "feedback": -1}
            {"messages": [{"role": "system", "content": "be brief"}, {"role": "user", "content": [{"type": "text", "text": "Louvre hours?"}]}], "feedback": "thumbs_up"}

            {"prompt": "Call me on +44 20 7946 0958", "feedback": {"score": 0}}
            """);
        var csv = Write("t.csv", "prompt,model,feedback\n\"Hello, world\",m2,bad\nsecond,,1\n");

        // act
        var fromJsonl = TrafficReader.Read(jsonl);
        var fromCsv = TrafficReader.Read(csv);

        // assert
        Assert.Equal(["What is the capital of France?", "Louvre hours?", "Call me on [phone]"], fromJsonl.Select(r => r.Text));
        Assert.Equal([1, 2, 4], fromJsonl.Select(r => r.Line));
        Assert.Equal([true, false, true], fromJsonl.Select(r => r.NegativeFeedback));
        Assert.Equal(["Hello, world", "second"], fromCsv.Select(r => r.Text));
        Assert.Equal(["m2", null], fromCsv.Select(r => r.Model));
        Assert.Equal([true, false], fromCsv.Select(r => r.NegativeFeedback));
    }

    [Theory]
    [InlineData("{\"prompt\": \"ok\"}\n{\"prompt\": oops}\n", DiagnosticCodes.TrafficMalformed, 2, 12)]
    [InlineData("{\"prompt\": \"ok\"}\n{\"text\": \"no prompt\"}\n", DiagnosticCodes.TrafficFieldMissing, 2, 1)]
    public void A_bad_jsonl_record_is_one_diagnostic_at_its_line_and_column(string content, string code, int line, int column)
    {
        // arrange
        var path = Write("bad.jsonl", content);

        // act
        var error = Assert.Throws<CiGateException>(() => TrafficReader.Read(path));

        // assert
        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal((code, path, line, column), (diagnostic.Code, diagnostic.File, diagnostic.Line, diagnostic.Column));
        Assert.Equal(ExitCodes.UsageOrConfig, error.ExitCode);
    }

    [Fact]
    public void Missing_empty_and_unknown_files_are_diagnostics()
    {
        Assert.Equal(DiagnosticCodes.TrafficNotFound, Assert.Throws<CiGateException>(() => TrafficReader.Read(Path.Combine(folder, "none.jsonl"))).Diagnostics[0].Code);
        Assert.Equal(DiagnosticCodes.TrafficEmpty, Assert.Throws<CiGateException>(() => TrafficReader.Read(Write("e.jsonl", "\n"))).Diagnostics[0].Code);
        Assert.Equal(DiagnosticCodes.TrafficFormatUnknown, Assert.Throws<CiGateException>(() => TrafficReader.Read(Write("t.txt", "x"))).Diagnostics[0].Code);
        Assert.Equal(DiagnosticCodes.TrafficMalformed, Assert.Throws<CiGateException>(() => TrafficReader.Read(Write("o.json", "{\"spans\": []}"))).Diagnostics[0].Code);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
