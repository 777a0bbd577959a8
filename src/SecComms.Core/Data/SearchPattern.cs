namespace SecComms.Core.Data;

/// <summary>A LIKE pattern, lower case, that finds <c>text</c> anywhere, with LIKE's own characters escaped by a backslash.</summary>
public static class SearchPattern
{
    public const string Escape = "\\";

    public static string Containing(string text) =>
        $"%{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)}%"
            .ToLowerInvariant();
}
