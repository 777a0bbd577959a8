namespace SecComms.Cli.Output;

/// <summary>Writes rows as left-aligned columns separated by two spaces, for reading in a terminal.</summary>
internal static class TextTable
{
    public static void Write(TextWriter writer, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<string>? headers = null)
    {
        var all = headers is null ? rows.ToList() : [headers, .. rows];
        if (all.Count == 0)
        {
            return;
        }
        var widths = Enumerable.Range(0, all[0].Count).Select(column => all.Max(row => row[column].Length)).ToArray();
        foreach (var row in all)
        {
            writer.WriteLine(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
        }
    }

    public static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
