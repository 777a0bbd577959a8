using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Workflow;

namespace SecComms.Core.Releases;

/// <param name="Title">What people call it, such as "18.4.2, 18.3.5, 18.2.9".</param>
/// <param name="Kind">planned, critical or emergency.</param>
/// <param name="PlannedFor">When it is planned to ship.</param>
public sealed record NewSecurityRelease(string? Title, ReleaseKind? Kind, DateTimeOffset? PlannedFor);

public sealed record SecurityReleaseView(
    Guid Id,
    string Reference,
    string Title,
    ReleaseKind Kind,
    ReleaseStatus Status,
    DateTimeOffset? PlannedFor,
    DateTimeOffset? PublishedAt,
    DateTimeOffset CreatedAt)
{
    public static SecurityReleaseView From(SecurityRelease r) => new(r.Id, r.Reference, r.Title, r.Kind, r.Status, r.PlannedFor, r.PublishedAt, r.CreatedAt);
}

/// <summary>
/// Security releases as far as disclosure needs them: a release is planned, then published, and its publication opens
/// the <c>fix-released</c> gate of every communication linked to it.
/// </summary>
public sealed class SecurityReleases(SecCommsDb db, WriteScope writes, AuditTrail audit, TimeProvider time)
{
    public const int TitleLength = 200;
    private static readonly string[] ReleaseTeams = [Actor.SecurityTeam, "appsec"];

    public async Task<SecurityReleaseView> CreateAsync(Actor actor, NewSecurityRelease request, CancellationToken cancellationToken)
    {
        EnsureReleaseManager(actor);
        var title = request.Title?.Trim();
        new Validation()
            .Require(!string.IsNullOrEmpty(title), "title", "title is required, such as the versions it ships.")
            .MaxLength(title, TitleLength, "title")
            .PlainText(title, "title")
            .Require(request.Kind is not null, "kind", "kind is required: planned, critical or emergency.")
            .ThrowIfInvalid();
        var id = await writes.RunAsync(async () =>
        {
            var now = time.GetUtcNow();
            var release = new SecurityRelease
            {
                Number = (await db.SecurityReleases.MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0) + 1,
                Title = title!,
                Kind = request.Kind!.Value,
                Status = ReleaseStatus.Planned,
                PlannedFor = request.PlannedFor,
                CreatedById = actor.UserId,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.SecurityReleases.Add(release);
            await audit.RecordAsync(actor.Email, "release.created", Entity(release.Id), new
            {
                release.Reference,
                release.Title,
                Kind = AuditNames.Of(release.Kind),
                release.PlannedFor,
            }, cancellationToken);
            return release.Id;
        }, cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>Marks the release as shipped, which opens the <c>fix-released</c> gate of its communications.</summary>
    public async Task<SecurityReleaseView> PublishAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        EnsureReleaseManager(actor);
        await writes.RunAsync(async () =>
        {
            var release = await db.SecurityReleases.AsTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
                ?? throw new NotFoundException($"No security release {id}.");
            if (release.Status == ReleaseStatus.Published)
            {
                throw new ConflictException($"{release.Reference} was already published at {release.PublishedAt:O}.");
            }
            var now = time.GetUtcNow();
            release.Status = ReleaseStatus.Published;
            release.PublishedAt = now;
            release.UpdatedAt = now;
            await audit.RecordAsync(actor.Email, "release.published", Entity(release.Id), new { release.Reference, release.Title, PublishedAt = now },
                cancellationToken);
        }, cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    public async Task<SecurityReleaseView> GetAsync(Guid id, CancellationToken cancellationToken) =>
        SecurityReleaseView.From(await db.SecurityReleases.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException($"No security release {id}."));

    /// <summary>Every release, the most recent first.</summary>
    public async Task<IReadOnlyList<SecurityReleaseView>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await db.SecurityReleases.AsNoTracking().OrderByDescending(r => r.Number).Take(CommunicationService.MaxPageSize).ToListAsync(cancellationToken))
            .Select(SecurityReleaseView.From)];

    public static string Entity(Guid id) => $"release:{id}";

    private static void EnsureReleaseManager(Actor actor)
    {
        if (!actor.CanWrite || !ReleaseTeams.Any(actor.IsInTeam))
        {
            throw new ForbiddenException($"Only members of the {string.Join(" or ", ReleaseTeams)} teams manage security releases.");
        }
    }
}
