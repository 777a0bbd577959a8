using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Policy;

namespace SecComms.Core.Advisories;

/// <summary>
/// What the public site shows, to anyone: communications that are published, not confidential, and in a category the
/// policy sends to the <c>web</c> channel, each at the revision it was frozen at. Nothing else exists here.
/// </summary>
/// <remarks>
/// Every public document (the HTML pages, the Atom feeds, and machine-readable advisories built from the same entries)
/// reads through this one rule, so no surface can show more than another. What an entry says about vulnerabilities
/// (<see cref="PublicFacts"/>) and what it may be filtered by come from public advisories only.
/// </remarks>
public sealed partial class PublicEntries(SecCommsDb db, SecCommsPolicy policy)
{
    public const int MaxPageSize = 100;

    /// <summary>How many of the newest entries a feed carries.</summary>
    public const int FeedSize = 50;

    public Task<PublicEntryPage> ListAsync(string? cursor, int limit, CancellationToken cancellationToken) =>
        ListAsync(PublicEntryFilter.None, cursor, limit, cancellationToken);

    /// <summary>A page of the entries <paramref name="filter"/> selects, newest first, after the entry <paramref name="cursor"/> names.</summary>
    /// <exception cref="ValidationException">The limit is out of range, the product is not one the site lists, or the cursor is not one it returned for this filter.</exception>
    public async Task<PublicEntryPage> ListAsync(PublicEntryFilter filter, string? cursor, int limit, CancellationToken cancellationToken)
    {
        new Validation().Require(limit is >= 1 and <= MaxPageSize, "limit", $"limit must be between 1 and {MaxPageSize}.").ThrowIfInvalid();
        await CheckProductAsync(filter.Product, cancellationToken);
        var query = Filtered(filter);
        if (!string.IsNullOrEmpty(cursor))
        {
            var (at, number) = await PositionAsync(query, cursor, cancellationToken);
            query = query.Where(c => c.PublishedAt < at || (c.PublishedAt == at && c.Number < number));
        }
        var rows = await (
            from c in query
            join r in db.Revisions.AsNoTracking() on new { c.Id, Number = c.PublishedRevision } equals new { Id = r.CommunicationId, Number = (int?)r.Number }
            orderby c.PublishedAt descending, c.Number descending
            select new { c.Id, c.Number, c.Category, c.ReleasePart, c.ReleaseId, r.Title, r.ShortText, PublishedAt = c.PublishedAt ?? default })
            .Take(limit + 1)
            .ToListAsync(cancellationToken);
        var shown = rows.Take(limit).ToList();
        var facts = await FactsAsync([.. shown.Select(r => new FactsOf(r.Id, r.ReleasePart, r.ReleaseId))], cancellationToken);
        var items = shown
            .Select(r => new PublicEntrySummary(Reference(r.Number), r.Category, CategoryName(r.Category), r.Title, r.ShortText, r.PublishedAt, facts[r.Id]))
            .ToList();
        var next = rows.Count > limit ? rows[limit - 1].Number.ToString(CultureInfo.InvariantCulture) : null;
        return new PublicEntryPage(items, next, Latest(items.Select(i => i.PublishedAt), await PolicyChangedAtAsync(cancellationToken)));
    }

    /// <summary>The entry with this reference ("SC-12"); anything not public is reported as not existing.</summary>
    public async Task<PublicEntry> GetAsync(string reference, CancellationToken cancellationToken)
    {
        var number = ParseReference(reference);
        var found = number is null ? [] : await EntriesAsync(Public().Where(c => c.Number == number), 1, cancellationToken);
        return found.Count == 1 ? found[0] : throw new NotFoundException($"There is no published advisory {reference}.");
    }

    /// <summary>The newest <see cref="FeedSize"/> entries in full.</summary>
    public Task<PublicFeed> FeedAsync(CancellationToken cancellationToken) => FeedAsync(null, cancellationToken);

    /// <summary>The newest <see cref="FeedSize"/> entries in full: all of them, or those about <paramref name="product"/>.</summary>
    /// <exception cref="ValidationException">The product is not one the site lists.</exception>
    public async Task<PublicFeed> FeedAsync(string? product, CancellationToken cancellationToken)
    {
        await CheckProductAsync(product, cancellationToken);
        var entries = await EntriesAsync(Filtered(new PublicEntryFilter(Product: product)), FeedSize, cancellationToken);
        return new PublicFeed(entries, Latest(entries.Select(e => e.PublishedAt), await PolicyChangedAtAsync(cancellationToken)));
    }

    internal IQueryable<Communication> Public()
    {
        var web = policy.Categories.Values.Where(c => c.Channels.Contains(Channels.Web)).Select(c => c.Key).ToList();
        return db.Communications.AsNoTracking().Where(c => c.Status == CommunicationStatus.Published && !c.IsConfidential
            && c.PublishedAt != null && c.PublishedRevision != null && web.Contains(c.Category));
    }

    private async Task<List<PublicEntry>> EntriesAsync(IQueryable<Communication> query, int take, CancellationToken cancellationToken)
    {
        var rows = await (
            from c in query
            join r in db.Revisions.AsNoTracking() on new { c.Id, Number = c.PublishedRevision } equals new { Id = r.CommunicationId, Number = (int?)r.Number }
            orderby c.PublishedAt descending, c.Number descending
            select new { c.Id, c.Number, c.Category, c.ReleasePart, c.ReleaseId, r.Title, r.ShortText, r.Body, PublishedAt = c.PublishedAt ?? default, Revision = r.Number, r.ContentHash })
            .Take(take)
            .ToListAsync(cancellationToken);
        var facts = await FactsAsync([.. rows.Select(r => new FactsOf(r.Id, r.ReleasePart, r.ReleaseId))], cancellationToken);
        return
        [
            .. rows.Select(r => new PublicEntry(r.Id, Reference(r.Number), r.Category, CategoryName(r.Category), r.Title, r.ShortText, r.Body,
                MarkdownRenderer.ToSafeHtml(WithoutLeadingTitle(r.Body, r.Title)), r.PublishedAt, r.Revision, r.ContentHash, facts[r.Id])),
        ];
    }

    /// <remarks>
    /// The templates open a body with its title as a heading. Every public document shows the title already, so a
    /// heading that only repeats it is left out of the HTML rather than shown twice.
    /// </remarks>
    private static string WithoutLeadingTitle(string body, string title)
    {
        var text = body.TrimStart('\n');
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var first = end < 0 ? text : text[..end];
        return first.StartsWith("# ", StringComparison.Ordinal) && first[2..].Trim().TrimEnd('#').TrimEnd() == title
            ? (end < 0 ? "" : text[(end + 1)..])
            : body;
    }

    /// <remarks>
    /// The cursor names the last entry of the previous page; its publication time places the next page. Only an entry
    /// the same filter lists is one: a number that is confidential, unpublished, unused or filtered out is refused in the
    /// same words, so a cursor tells nobody what exists, and each page of a filtered list has one address.
    /// </remarks>
    private static async Task<(DateTimeOffset At, int Number)> PositionAsync(IQueryable<Communication> listed, string cursor, CancellationToken cancellationToken)
    {
        var at = int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? await listed
                .Where(c => c.Number == number)
                .Select(c => c.PublishedAt)
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        return at is { } found ? (found, number) : throw ValidationException.For("cursor", "cursor is not one this site returned.");
    }

    /// <remarks>
    /// A new policy can take a category off the web or rename it, which changes what the list and the feed show
    /// although no publication is newer.
    /// </remarks>
    private Task<DateTimeOffset?> PolicyChangedAtAsync(CancellationToken cancellationToken) =>
        db.PolicyVersions.AsNoTracking().OrderByDescending(v => v.Version).Select(v => (DateTimeOffset?)v.ActivatedAt).FirstOrDefaultAsync(cancellationToken);

    private static DateTimeOffset Latest(IEnumerable<DateTimeOffset> published, DateTimeOffset? policyChangedAt) =>
        published.Append(policyChangedAt ?? DateTimeOffset.UnixEpoch).Max();

    private string CategoryName(string key) => policy.FindCategory(key)?.Name ?? key;

    private static string Reference(int number) => $"SC-{number.ToString(CultureInfo.InvariantCulture)}";

    /// <remarks>Only the canonical form ("SC-12") names an entry, so each has exactly one address.</remarks>
    private static int? ParseReference(string? reference) =>
        reference is not null && reference.StartsWith("SC-", StringComparison.Ordinal)
        && int.TryParse(reference.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
        && Reference(number) == reference
            ? number
            : null;
}
