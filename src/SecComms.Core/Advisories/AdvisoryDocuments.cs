using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecComms.Core.Advisories.Exports;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Vulnerabilities;

namespace SecComms.Core.Advisories;

/// <summary>A published advisory as the CSAF directory lists it.</summary>
public sealed record PublishedAdvisory(string Reference, string Title, DateTimeOffset PublishedAt);

/// <summary>
/// Builds the machine-readable form of a generated advisory from its communication, its vulnerability record and its
/// release: for anyone once it is public (through <see cref="PublicEntries"/>, so no export shows more than the page), and
/// as a draft for the people who may see the communication.
/// </summary>
public sealed class AdvisoryDocuments(SecCommsDb db, PublicEntries entries, CommunicationService communications,
    IOptions<AdvisoryPublisherOptions> publisher, TimeProvider time)
{
    /// <summary>The published advisory with this reference ("SC-12"); anything else does not exist here.</summary>
    /// <param name="reference">The advisory's public reference.</param>
    /// <param name="site">The public site's root, for the advisory's address.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<AdvisoryDocument> PublishedAsync(string reference, Uri site, CancellationToken cancellationToken)
    {
        var entry = await entries.GetAsync(reference, cancellationToken);
        var communication = await db.Communications.AsNoTracking().FirstAsync(c => c.Id == entry.Id, cancellationToken);
        var vulnerability = await VulnerabilityOfAsync(communication, cancellationToken)
            ?? throw new NotFoundException($"{reference} is not an advisory, so it has no machine-readable form.");
        return await BuildAsync(communication, new CommunicationContent(entry.Title, entry.Body, "", "", entry.Summary), vulnerability,
            AdvisoryState.Final, entry.PublishedAt, site, cancellationToken);
    }

    /// <summary>The advisory as it stands now, published or not, for someone who may see the communication.</summary>
    public async Task<AdvisoryDocument> CurrentAsync(Actor actor, Guid id, Uri site, CancellationToken cancellationToken)
    {
        var communication = await communications.FindVisibleAsync(actor, id, tracking: false, cancellationToken);
        var vulnerability = await VulnerabilityOfAsync(communication, cancellationToken)
            ?? throw new NotFoundException($"{communication.Reference} is not an advisory generated for a security release, so it has no machine-readable form.");
        var number = communication.PublishedRevision ?? communication.CurrentRevision;
        var content = (await db.Revisions.AsNoTracking().SingleAsync(r => r.CommunicationId == id && r.Number == number, cancellationToken)).Content;
        var published = communication.Status == CommunicationStatus.Published && communication.PublishedAt is not null;
        var release = communication.ReleaseId is { } releaseId
            ? await db.SecurityReleases.AsNoTracking().Where(r => r.Id == releaseId).Select(r => r.PlannedFor).FirstOrDefaultAsync(cancellationToken)
            : null;
        var date = communication.PublishedAt ?? communication.ScheduledAt ?? release ?? time.GetUtcNow();
        return await BuildAsync(communication, content, vulnerability, published ? AdvisoryState.Final : AdvisoryState.Draft, date, site, cancellationToken);
    }

    /// <summary>Every published advisory with exports, newest first.</summary>
    public async Task<IReadOnlyList<PublishedAdvisory>> PublishedListAsync(CancellationToken cancellationToken)
    {
        var rows = await (
            from c in entries.Public().Where(c => c.ReleasePart == ReleasePart.Advisory && c.VulnerabilityId != null)
            join r in db.Revisions.AsNoTracking() on new { c.Id, Number = c.PublishedRevision } equals new { Id = r.CommunicationId, Number = (int?)r.Number }
            orderby c.PublishedAt descending, c.Number descending
            select new { c.Number, r.Title, c.PublishedAt })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new PublishedAdvisory($"SC-{r.Number}", r.Title, r.PublishedAt!.Value))];
    }

    private async Task<Vulnerability?> VulnerabilityOfAsync(Communication communication, CancellationToken cancellationToken) =>
        communication.ReleasePart == ReleasePart.Advisory && communication.VulnerabilityId is { } id
            ? await db.Vulnerabilities.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken)
            : null;

    private async Task<AdvisoryDocument> BuildAsync(Communication communication, CommunicationContent content, Vulnerability v, AdvisoryState state,
        DateTimeOffset date, Uri site, CancellationToken cancellationToken)
    {
        var page = new Uri(site, $"advisories/{communication.Reference}");
        var references = new List<Uri>();
        var post = communication.ReleaseId is { } releaseId
            ? await entries.Public()
                .Where(c => c.ReleaseId == releaseId && c.ReleasePart == ReleasePart.BlogPost)
                .OrderByDescending(c => c.Number)
                .Select(c => (int?)c.Number).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (post is { } number)
        {
            references.Add(new Uri(site, $"advisories/SC-{number}"));
        }
        var vulnerability = new AdvisoryVulnerability(
            v.Reference,
            v.CveId,
            v.CweId,
            v.Title,
            v.Description,
            v.Cvss31Vector is { } a ? Cvss(a) : null,
            v.Cvss40Vector is { } b ? Cvss(b) : null,
            publisher.Value.Name,
            v.ProductName,
            [.. v.Affected.Select(r => new Exports.AffectedRange(r.Introduced, r.Fixed))],
            [.. v.Credits.Select(c => new AdvisoryCredit(c.IsAnonymous ? "" : c.Name, c.Kind switch
            {
                CreditKind.HackerOne => "hackerone",
                CreditKind.Customer => "customer",
                CreditKind.Internal => "internal",
                CreditKind.AnonymousCustomer => "anonymous-customer",
                CreditKind.AnonymousResearcher => "anonymous-researcher",
                _ => "other",
            }))],
            references,
            v.ReleasedAt,
            v.Cpe,
            v.Purl);
        var revision = state == AdvisoryState.Final ? "Initial public release." : "Draft for review.";
        var final = state == AdvisoryState.Final;
        return new AdvisoryDocument(communication.Reference, content.Title, content.ShortText, content.Body, state, date, date,
            [new AdvisoryRevision("1", date, revision)], [vulnerability], final ? page : null,
            final ? CsafLocations.DocumentUrl(site, communication.Reference, date) : null);
    }

    private static AdvisoryCvss Cvss(string vector)
    {
        var score = Vulnerabilities.Cvss.CvssCalculator.Score(vector);
        return new AdvisoryCvss(score.Version, score.Vector, score.BaseScore, score.Severity);
    }
}
