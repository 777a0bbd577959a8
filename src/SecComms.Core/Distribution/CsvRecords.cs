using System.Text;

namespace SecComms.Core.Distribution;

/// <summary>One CSV record, with the line it starts on; <see cref="Error"/> is set when it could not be read whole.</summary>
public sealed record CsvRecord(long Line, IReadOnlyList<string> Fields, string? Error);

/// <summary>
/// Reads RFC 4180 CSV one record at a time from a stream, so a file of any length takes the memory of one record.
/// Quoted fields may hold commas, doubled quotes and line breaks; line numbers count the file's physical lines.
/// </summary>
public static class CsvRecords
{
    /// <summary>A record longer than this is reported and skipped up to the end of its line, so a stray quote cannot swallow the file.</summary>
    public const int MaxRecordLength = 64 * 1024;

    public static async IAsyncEnumerable<CsvRecord> ReadAsync(TextReader reader,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var buffer = new char[16 * 1024];
        var field = new StringBuilder();
        var fields = new List<string>();
        long line = 1, start = 1;
        int length = 0, position = 0, recordLength = 0;
        bool quoted = false, afterQuote = false, skipping = false, pendingCr = false;
        string? error = null;

        while (true)
        {
            if (position == length)
            {
                length = await reader.ReadAsync(buffer.AsMemory(), cancellationToken);
                position = 0;
                if (length == 0)
                {
                    break;
                }
            }
            var c = buffer[position++];
            if (pendingCr)
            {
                pendingCr = false;
                if (c == '\n')
                {
                    continue;
                }
            }
            if (c is '\r' or '\n')
            {
                pendingCr = c == '\r';
                line++;
                if (quoted && !skipping)
                {
                    field.Append('\n');
                    continue;
                }
                if (fields.Count > 0 || field.Length > 0 || afterQuote || error is not null)
                {
                    fields.Add(field.ToString());
                    yield return new CsvRecord(start, fields.ToArray(), error);
                }
                fields.Clear();
                field.Clear();
                (quoted, afterQuote, skipping, error, recordLength, start) = (false, false, false, null, 0, line);
                continue;
            }
            if (skipping)
            {
                continue;
            }
            if (++recordLength > MaxRecordLength)
            {
                error = $"the record is longer than {MaxRecordLength:N0} characters (an unclosed quote?)";
                (skipping, quoted) = (true, false);
                field.Clear();
                continue;
            }
            if (quoted)
            {
                if (c == '"')
                {
                    (quoted, afterQuote) = (false, true);
                }
                else
                {
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when afterQuote:
                    field.Append('"');
                    (quoted, afterQuote) = (true, false);
                    break;
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    afterQuote = false;
                    break;
                default:
                    if (afterQuote || c == '"')
                    {
                        error ??= "a quote must open a field and close it right before a comma or the end of the line";
                    }
                    field.Append(c);
                    break;
            }
        }
        if (quoted && !skipping)
        {
            error ??= "a quoted field is not closed before the end of the file";
        }
        if (fields.Count > 0 || field.Length > 0 || afterQuote || error is not null)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(start, fields.ToArray(), error);
        }
    }

    /// <summary>
    /// One field as CSV: quoted when it holds a comma, a quote or a line break. A field a spreadsheet would run as a
    /// formula (starting with =, +, -, @) gets a leading apostrophe, which <see cref="Unprotect"/> removes on import.
    /// </summary>
    public static string Field(string? value, bool protect = false)
    {
        var text = value ?? "";
        if (protect && text.Length > 0 && text[0] is '=' or '+' or '-' or '@')
        {
            text = "'" + text;
        }
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }

    public static string Unprotect(string value) =>
        value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' ? value[1..] : value;
}
