using System.Globalization;
using SecComms.Core.Errors;

namespace SecComms.Core.Paging;

/// <summary>
/// The cursor of a list ordered by record number, newest first: the number of the last record shown. The next page
/// holds the records numbered below it, so records added meanwhile never push one onto two pages.
/// </summary>
public static class NumberCursor
{
    public const int MaxLimit = 100;

    /// <summary>The number a page starts below, or null for the first page; 400 for a cursor this API never gave.</summary>
    public static int? Parse(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }
        return int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw ValidationException.For("cursor", "cursor is not one this API returned.");
    }

    public static Validation RequireLimit(this Validation validation, int limit) =>
        validation.Require(limit is >= 1 and <= MaxLimit, "limit", $"limit must be between 1 and {MaxLimit}.");

    /// <summary>
    /// The page of <paramref name="fetched"/> (fetched with one more than <paramref name="limit"/> to learn whether
    /// another page follows) and the cursor of the next, or null on the last.
    /// </summary>
    public static Page<TView> PageOf<TRecord, TView>(IReadOnlyList<TRecord> fetched, int limit, Func<TRecord, int> number, Func<TRecord, TView> view) =>
        new([.. fetched.Take(limit).Select(view)],
            fetched.Count > limit ? number(fetched[limit - 1]).ToString(CultureInfo.InvariantCulture) : null);
}

/// <summary>One page of a list, newest first.</summary>
/// <param name="Items">The records of this page.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next, older page; null on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
