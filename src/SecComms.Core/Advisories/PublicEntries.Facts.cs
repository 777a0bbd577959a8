using Microsoft.EntityFrameworkCore;
using SecComms.Core.Communications;

namespace SecComms.Core.Advisories;

public sealed partial class PublicEntries
{
    private sealed record FactsOf(Guid Id, ReleasePart? Part, Guid? ReleaseId);

    /// <summary>
    /// The facts of each of <paramref name="entries"/>, in two queries whatever their number: the public advisories
    /// among them and of their releases, and those releases' public posts.
    /// </summary>
    private async Task<Dictionary<Guid, PublicFacts>> FactsAsync(IReadOnlyList<FactsOf> entries, CancellationToken cancellationToken)
    {
        var related = entries.Where(e => e.Part is ReleasePart.Advisory or ReleasePart.BlogPost).ToList();
        if (related.Count == 0)
        {
            return entries.ToDictionary(e => e.Id, _ => PublicFacts.None);
        }
        var ids = related.Select(e => e.Id).ToList();
        var releases = related.Select(e => e.ReleaseId).OfType<Guid>().Distinct().ToList();
        var advisories = await (
            from a in AdvisoryFacts()
            where ids.Contains(a.Id) || (a.ReleaseId != null && releases.Contains(a.ReleaseId.Value))
            join r in db.Revisions.AsNoTracking() on new { a.Id, Number = a.PublishedRevision } equals new { Id = r.CommunicationId, Number = (int?)r.Number }
            select new { Fact = a, r.Title })
            .ToListAsync(cancellationToken);
        var posts = releases.Count == 0 ? [] : await (
            from p in Public()
            where p.ReleasePart == ReleasePart.BlogPost && p.ReleaseId != null && releases.Contains(p.ReleaseId.Value)
            join r in db.Revisions.AsNoTracking() on new { p.Id, Number = p.PublishedRevision } equals new { Id = r.CommunicationId, Number = (int?)r.Number }
            orderby p.Number descending
            select new { p.Number, p.ReleaseId, r.Title })
            .ToListAsync(cancellationToken);

        var links = advisories.ToDictionary(a => a.Fact.Id, a => new
        {
            a.Fact,
            Link = new PublicLink(Reference(a.Fact.Number), a.Title, PublicSeverity.Of(a.Fact.Severity, a.Fact.Cvss31Score, a.Fact.Cvss40Score), a.Fact.CveId),
        });
        return entries.ToDictionary(e => e.Id, e =>
        {
            if (e.Part == ReleasePart.Advisory && links.TryGetValue(e.Id, out var advisory))
            {
                var post = posts.FirstOrDefault(p => p.ReleaseId is not null && p.ReleaseId == e.ReleaseId);
                return new PublicFacts(advisory.Link.Severity, [advisory.Fact.ProductName], advisory.Link.CveId, IsAdvisory: true,
                    post is null ? null : new PublicLink(Reference(post.Number), post.Title, null, null), []);
            }
            if (e.Part == ReleasePart.BlogPost && e.ReleaseId is { } release)
            {
                var fixes = links.Values.Where(a => a.Fact.ReleaseId == release)
                    .OrderBy(a => PublicSeverity.Rank(a.Link.Severity?.Level))
                    .ThenByDescending(a => a.Link.Severity?.Score)
                    .ThenBy(a => a.Fact.Number)
                    .ToList();
                return new PublicFacts(fixes.FirstOrDefault()?.Link.Severity, [.. fixes.Select(a => a.Fact.ProductName).Distinct(StringComparer.Ordinal)], null,
                    IsAdvisory: false, null, [.. fixes.Select(a => a.Link)]);
            }
            return PublicFacts.None;
        });
    }
}
