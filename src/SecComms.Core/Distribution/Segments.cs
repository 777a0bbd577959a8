using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity;

namespace SecComms.Core.Distribution;

/// <summary>Named audiences defined by filters, and who they reach now.</summary>
public sealed class Segments(
    SecCommsDb db, WriteScope writes, AuditTrail audit, AudienceAccess access, CommunicationService communications, CommunicationReads reads,
    TimeProvider time)
{
    private const int SampleSize = 10;

    public async Task<IReadOnlyList<SegmentView>> ListAsync(Actor actor, CancellationToken cancellationToken)
    {
        access.RequireRead(actor);
        var segments = await db.Segments.AsNoTracking().OrderBy(s => s.Key).ToListAsync(cancellationToken);
        var views = new List<SegmentView>(segments.Count);
        foreach (var segment in segments)
        {
            views.Add(SegmentView.From(segment, (int)(await AudienceFilter.Of(segment).CountsAsync(db, reads, cancellationToken)).Contacts));
        }
        return views;
    }

    public async Task<SegmentView> GetAsync(Actor actor, string key, CancellationToken cancellationToken)
    {
        access.RequireRead(actor);
        var segment = await FindAsync(key, tracking: false, cancellationToken);
        return SegmentView.From(segment, await AudienceFilter.Of(segment).CountAsync(db, cancellationToken));
    }

    public async Task<SegmentView> CreateAsync(Actor actor, SegmentInput input, CancellationToken cancellationToken)
    {
        access.RequireWrite(actor);
        Check(input, requireKey: true);
        var segment = await writes.RunAsync(async () =>
        {
            if (await db.Segments.AnyAsync(s => s.Key == input.Key, cancellationToken))
            {
                throw new ConflictException($"A segment with the key '{input.Key}' already exists.");
            }
            var now = time.GetUtcNow();
            var segment = new Segment { Key = input.Key!, Name = input.Name!.Trim(), CreatedAt = now, UpdatedAt = now };
            Apply(segment, input);
            db.Segments.Add(segment);
            await audit.RecordAsync(actor.Email, "segment.created", Entity(segment.Id), Describe(segment), cancellationToken);
            return segment;
        }, cancellationToken);
        return SegmentView.From(segment, await AudienceFilter.Of(segment).CountAsync(db, cancellationToken));
    }

    public async Task<SegmentView> UpdateAsync(Actor actor, string key, SegmentInput input, CancellationToken cancellationToken)
    {
        access.RequireWrite(actor);
        Check(input, requireKey: false);
        var segment = await writes.RunAsync(async () =>
        {
            var segment = await FindAsync(key, tracking: true, cancellationToken);
            Apply(segment, input);
            segment.Name = input.Name!.Trim();
            segment.UpdatedAt = time.GetUtcNow();
            await audit.RecordAsync(actor.Email, "segment.updated", Entity(segment.Id), Describe(segment), cancellationToken);
            await communications.SettlePackagesAsync(actor, c => c.AudienceSegmentId == segment.Id, "segment", cancellationToken);
            return segment;
        }, cancellationToken);
        return SegmentView.From(segment, await AudienceFilter.Of(segment).CountAsync(db, cancellationToken));
    }

    /// <summary>Deletes a segment no communication names as its audience.</summary>
    public Task DeleteAsync(Actor actor, string key, CancellationToken cancellationToken)
    {
        access.RequireWrite(actor);
        return writes.RunAsync(async () =>
        {
            var segment = await FindAsync(key, tracking: true, cancellationToken);
            var users = await db.Communications.AsTracking().Where(c => c.AudienceSegmentId == segment.Id).OrderBy(c => c.Number).ToListAsync(cancellationToken);
            var pending = users.Where(c => c.Status is not (CommunicationStatus.Published or CommunicationStatus.Withdrawn or CommunicationStatus.NoPublicNotification)).ToList();
            if (pending.Count > 0)
            {
                throw new ConflictException($"The segment '{key}' is the audience of {string.Join(", ", pending.Select(c => c.Reference))}; choose another audience there first.");
            }
            // Messages already out keep the audience's description on their dispatches.
            users.ForEach(c => c.AudienceSegmentId = null);
            db.Segments.Remove(segment);
            await audit.RecordAsync(actor.Email, "segment.deleted", Entity(segment.Id), new { segment.Key }, cancellationToken);
        }, cancellationToken);
    }

    public async Task<AudiencePreview> PreviewAsync(Actor actor, string key, CancellationToken cancellationToken)
    {
        access.RequireRead(actor);
        return await PreviewAsync(AudienceFilter.Of(await FindAsync(key, tracking: false, cancellationToken)), cancellationToken);
    }

    /// <param name="filter">The audience.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <param name="withSample">Whether to read the first contacts too, for those who may see them.</param>
    internal async Task<AudiencePreview> PreviewAsync(AudienceFilter filter, CancellationToken cancellationToken, bool withSample = true)
    {
        var sample = withSample ? await SampleAsync(filter, cancellationToken) : [];
        var counts = await filter.CountsAsync(db, reads, cancellationToken);
        return new AudiencePreview(filter.Description, filter.Mandatory, (int)counts.Contacts, (int)counts.Organizations, sample);
    }

    private async Task<List<ContactView>> SampleAsync(AudienceFilter filter, CancellationToken cancellationToken)
    {
        var sample = await (from c in filter.Contacts(db).AsNoTracking()
                            join o in db.Organizations on c.OrganizationId equals o.Id
                            orderby c.Email
                            select new { Contact = c, Organization = o.Name }).Take(SampleSize).ToListAsync(cancellationToken);
        return [.. sample.Select(x => Organizations.View(x.Contact, x.Organization))];
    }

    internal async Task<Segment> FindAsync(string key, bool tracking, CancellationToken cancellationToken) =>
        await (tracking ? db.Segments.AsTracking() : db.Segments.AsNoTracking()).SingleOrDefaultAsync(s => s.Key == key, cancellationToken)
        ?? throw new NotFoundException($"No segment has the key '{key}'.");

    public static string Entity(Guid id) => $"segment:{id}";

    private static void Check(SegmentInput input, bool requireKey)
    {
        var validation = new Validation();
        if (requireKey)
        {
            validation.Require(AudienceValues.IsKey(input.Key), "key",
                $"key must be lower case letters, digits and hyphens, starting with a letter, at most {AudienceLimits.SegmentKey} characters.");
        }
        validation
            .Require(!string.IsNullOrWhiteSpace(input.Name), "name", "name is required.")
            .MaxLength(input.Name?.Trim(), AudienceLimits.Name, "name")
            .PlainText(input.Name, "name")
            .MaxLength(input.Description, AudienceLimits.Description, "description")
            .PlainText(input.Description, "description", multiline: true);
        foreach (var (tier, i) in (input.Tiers ?? []).Select((t, i) => (t, i)))
        {
            validation.Require(AudienceValues.Label(tier) is not null, $"tiers[{i}]", $"tiers[{i}] must be a short label such as enterprise.");
        }
        foreach (var (region, i) in (input.Regions ?? []).Select((r, i) => (r, i)))
        {
            validation.Require(AudienceValues.Label(region) is not null, $"regions[{i}]", $"regions[{i}] must be a short label such as eu.");
        }
        foreach (var (version, i) in (input.ProductVersions ?? []).Select((v, i) => (v, i)))
        {
            validation.Require(AudienceValues.Version(version) is not null, $"productVersions[{i}]", $"productVersions[{i}] must be a version or minor line such as 16.4.");
        }
        foreach (var (organization, i) in (input.Organizations ?? []).Select((o, i) => (o, i)))
        {
            validation.Require(!string.IsNullOrWhiteSpace(organization) && organization.Trim().Length <= AudienceLimits.Name, $"organizations[{i}]",
                $"organizations[{i}] must be an organization's name.");
        }
        validation.ThrowIfInvalid();
    }

    private static void Apply(Segment segment, SegmentInput input)
    {
        segment.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        segment.Mandatory = input.Mandatory;
        segment.Tiers = [.. (input.Tiers ?? []).Select(t => AudienceValues.Label(t)!).Distinct()];
        segment.Deployments = [.. (input.Deployments ?? []).Select(KebabNames.Of).Distinct()];
        segment.Regions = [.. (input.Regions ?? []).Select(r => AudienceValues.Label(r)!).Distinct()];
        segment.ProductVersions = [.. (input.ProductVersions ?? []).Select(v => AudienceValues.Version(v)!).Distinct()];
        segment.Roles = [.. (input.Roles ?? []).Select(KebabNames.Of).Distinct()];
        segment.Organizations = [.. (input.Organizations ?? []).Select(o => o.Trim()).Distinct()];
    }

    private static object Describe(Segment s) =>
        new { s.Key, s.Name, s.Mandatory, s.Tiers, s.Deployments, s.Regions, s.ProductVersions, s.Roles, s.Organizations };
}
