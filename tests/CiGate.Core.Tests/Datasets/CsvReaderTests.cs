using CiGate.Core.Datasets;

namespace CiGate.Core.Tests.Datasets;

public sealed class CsvReaderTests
{
    private static List<(int Line, List<string> Fields)> Read(string text) =>
        [.. CsvReader.Read(new StringReader(text))];

    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_newlines_and_lines_count_from_the_record_start()
    {
        var records = Read("id,question,answer\nq1,\"What, \"\"exactly\"\",\nis it?\",A\nq2,plain,B\n");

        Assert.Equal(3, records.Count);
        Assert.Equal(1, records[0].Line);
        Assert.Equal(["id", "question", "answer"], records[0].Fields);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(["q1", "What, \"exactly\",\nis it?", "A"], records[1].Fields);
        Assert.Equal(4, records[2].Line);
        Assert.Equal(["q2", "plain", "B"], records[2].Fields);
    }

    [Fact]
    public void Blank_lines_are_one_empty_field_and_ragged_records_come_back_as_they_are()
    {
        var records = Read("a,b\r\n\r\n1\r\n2,3,4\r\n5,\"\"");

        Assert.Equal([1, 2, 3, 4, 5], records.Select(r => r.Line));
        Assert.Equal([""], records[1].Fields);
        Assert.Equal(["1"], records[2].Fields);
        Assert.Equal(["2", "3", "4"], records[3].Fields);
        Assert.Equal(["5", ""], records[4].Fields);
    }

    [Fact]
    public void The_separator_is_a_comma_even_when_the_header_looks_like_another()
    {
        var records = Read("id;name,x\n1;a,b\n");

        Assert.Equal(["id;name", "x"], records[0].Fields);
        Assert.Equal(["1;a", "b"], records[1].Fields);
    }

    [Fact]
    public void A_stray_quote_in_an_unquoted_field_opens_quoting_so_the_record_count_shows_it()
    {
        // RFC 4180 forbids a quote in an unquoted field. Sep reads it as the start of a quoted
        // run, so the rest of the file joins that field: the dataset loader then reports the
        // record's wrong field count at line 2 rather than reading on with shifted fields.
        var records = Read("id,q,a\n4,5\" screen,w\n5,b,c\n");

        Assert.Equal(2, records.Count);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(2, records[1].Fields.Count);
    }

    [Fact]
    public void An_empty_file_has_no_records()
    {
        Assert.Empty(Read(""));
    }
}
