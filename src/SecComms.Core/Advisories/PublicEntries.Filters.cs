using Microsoft.EntityFrameworkCore;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;

namespace SecComms.Core.Advisories;

public sealed partial class PublicEntries
{
    /// <summary>The products public advisories name, and the years something public was published in, newest first.</summary>
    public async Task<PublicFilterChoices> ChoicesAsync(CancellationToken cancellationToken)
    {
        var products = await AdvisoryFacts().Select(a => a.ProductName).Distinct().ToListAsync(cancellationToken);
        var newest = await Public().OrderByDescending(c => c.PublishedAt).Select(c => c.PublishedAt).FirstOrDefaultAsync(cancellationToken);
        var oldest = await Public().OrderBy(c => c.PublishedAt).Select(c => c.PublishedAt).FirstOrDefaultAsync(cancellationToken);
        var years = newest is { } last && oldest is { } first
            ? Enumerable.Range(first.UtcDateTime.Year, last.UtcDateTime.Year - first.UtcDateTime.Year + 1).Reverse().ToList()
            : [];
        return new PublicFilterChoices([.. products.Order(StringComparer.OrdinalIgnoreCase)], years);
    }

    /// <remarks>
    /// Everything is decided by the database, which returns only the page asked for. A release post is about what its
    /// public advisories are about: it shows, and is found by, its most severe advisory's severity and every product
    /// they name.
    /// </remarks>
    private IQueryable<Communication> Filtered(PublicEntryFilter filter)
    {
        var query = Public();
        if (filter.Text is { } text)
        {
            var pattern = SearchPattern.Containing(text);
            query = query.Where(c => db.Revisions.Any(r => r.CommunicationId == c.Id && r.Number == c.PublishedRevision
                && (EF.Functions.Like(r.Title.ToLower(), pattern, SearchPattern.Escape) || EF.Functions.Like(r.ShortText.ToLower(), pattern, SearchPattern.Escape))));
        }
        if (filter.Year is { } year)
        {
            var from = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var until = year < DateTimeOffset.MaxValue.Year ? from.AddYears(1) : DateTimeOffset.MaxValue;
            query = query.Where(c => c.PublishedAt >= from && c.PublishedAt < until);
        }
        var advisories = AdvisoryFacts();
        if (filter.Severity is { } level)
        {
            var higher = PublicSeverity.Levels.Take(PublicSeverity.Rank(level)).ToList();
            query = query.Where(c =>
                advisories.Any(a => (a.Id == c.Id || (c.ReleasePart == ReleasePart.BlogPost && c.ReleaseId != null && a.ReleaseId == c.ReleaseId)) && a.Severity == level)
                && !advisories.Any(a => (a.Id == c.Id || (c.ReleasePart == ReleasePart.BlogPost && c.ReleaseId != null && a.ReleaseId == c.ReleaseId))
                    && a.Severity != null && higher.Contains(a.Severity)));
        }
        if (filter.Product is { } product)
        {
            query = query.Where(c =>
                advisories.Any(a => (a.Id == c.Id || (c.ReleasePart == ReleasePart.BlogPost && c.ReleaseId != null && a.ReleaseId == c.ReleaseId)) && a.ProductName == product));
        }
        return query;
    }

    /// <remarks>A product no public advisory names is refused in the same words whether it exists elsewhere or not.</remarks>
    private async Task CheckProductAsync(string? product, CancellationToken cancellationToken)
    {
        if (product is not null && !await AdvisoryFacts().AnyAsync(a => a.ProductName == product, cancellationToken))
        {
            throw ValidationException.For("product", "product is not one this site lists.");
        }
    }

    /// <summary>Each public advisory with what its vulnerability record says, as its exports give it.</summary>
    /// <remarks>The product is named as <see cref="Vulnerabilities.Vulnerability.ProductName"/> names it, in a form the database can compare.</remarks>
    private IQueryable<AdvisoryFact> AdvisoryFacts() =>
        from a in Public()
        where a.ReleasePart == ReleasePart.Advisory
        join v in db.Vulnerabilities.AsNoTracking() on a.VulnerabilityId equals (Guid?)v.Id
        select new AdvisoryFact
        {
            Id = a.Id,
            Number = a.Number,
            ReleaseId = a.ReleaseId,
            PublishedRevision = a.PublishedRevision,
            Severity = v.Severity,
            Cvss31Score = v.Cvss31Score,
            Cvss40Score = v.Cvss40Score,
            CveId = v.CveId,
            ProductName = v.Edition == null ? v.Product : v.Product + " " + v.Edition,
        };

    private sealed class AdvisoryFact
    {
        public Guid Id { get; init; }
        public int Number { get; init; }
        public Guid? ReleaseId { get; init; }
        public int? PublishedRevision { get; init; }
        public string? Severity { get; init; }
        public decimal? Cvss31Score { get; init; }
        public decimal? Cvss40Score { get; init; }
        public string? CveId { get; init; }
        public string ProductName { get; init; } = "";
    }
}
