namespace SecComms.Web.Pages;

/// <summary>
/// The links under a list shown a page at a time: back to the newest page when on a later one, and on to the older
/// records when more follow. Each keeps the list's filters.
/// </summary>
/// <param name="Page">The list's page.</param>
/// <param name="Newest">The route values of the first page; null on the first page.</param>
/// <param name="Older">The route values of the next page; null on the last page.</param>
public sealed record PagerLinks(string Page, IDictionary<string, string>? Newest, IDictionary<string, string>? Older)
{
    /// <param name="page">The list's page.</param>
    /// <param name="cursor">The cursor the shown page started at.</param>
    /// <param name="next">The cursor of the next page.</param>
    /// <param name="query">The list's filters with a cursor.</param>
    public static PagerLinks For(string page, string? cursor, string? next, Func<string?, IDictionary<string, string>> query) =>
        new(page, string.IsNullOrEmpty(cursor) ? null : query(null), next is null ? null : query(next));
}
