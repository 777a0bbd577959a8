using SecComms.Core.Distribution;

namespace SecComms.Core.Tests.Distribution;

public sealed class CsvRecordsTests
{
    private static async Task<List<CsvRecord>> ReadAsync(string text)
    {
        var records = new List<CsvRecord>();
        await foreach (var record in CsvRecords.ReadAsync(new StringReader(text)))
        {
            records.Add(record);
        }
        return records;
    }

    [Fact]
    public async Task Quoted_fields_keep_commas_doubled_quotes_and_line_breaks_and_lines_count_the_file()
    {
        var records = await ReadAsync("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",z\n\nlast,one");

        Assert.Equal([1L, 2, 3, 6], records.Select(r => r.Line));
        Assert.Equal(["x, y", "say \"hi\""], records[1].Fields);
        Assert.Equal(["two\nlines", "z"], records[2].Fields);
        Assert.Equal(["last", "one"], records[3].Fields);
        Assert.All(records, r => Assert.Null(r.Error));
    }

    [Fact]
    public async Task A_stray_quote_is_reported_on_its_line_and_the_next_line_still_reads()
    {
        var records = await ReadAsync("a,b\nab\"c,d\nok,fine\n\"x\"y,z\n");

        Assert.NotNull(records[1].Error);
        Assert.Equal(2, records[1].Line);
        Assert.Null(records[2].Error);
        Assert.Equal(["ok", "fine"], records[2].Fields);
        Assert.Equal(4, records[3].Line);
        Assert.NotNull(records[3].Error);
    }

    [Fact]
    public async Task An_unclosed_quote_is_reported_and_an_overlong_record_is_skipped_to_the_end_of_its_line()
    {
        var unclosed = await ReadAsync("a,b\n\"never closed,b\n");
        Assert.Equal("a quoted field is not closed before the end of the file", unclosed[1].Error);

        var overlong = await ReadAsync("a,b\n" + new string('x', CsvRecords.MaxRecordLength + 10) + ",y\nnext,row\n");
        Assert.StartsWith("the record is longer than", overlong[1].Error, StringComparison.Ordinal);
        Assert.Equal(3, overlong[2].Line);
        Assert.Equal(["next", "row"], overlong[2].Fields);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("@cmd", "'@cmd")]
    public void Fields_are_quoted_when_needed_and_formulas_are_defused(string value, string written) =>
        Assert.Equal(written, CsvRecords.Field(value, protect: true));

    [Theory]
    [InlineData("'=SUM(A1)", "=SUM(A1)")]
    [InlineData("'@cmd", "@cmd")]
    [InlineData("O'Brien", "O'Brien")]
    [InlineData("'quoted'", "'quoted'")]
    public void The_import_reads_a_defused_formula_back_as_it_was(string read, string value) => Assert.Equal(value, CsvRecords.Unprotect(read));
}
