using Microsoft.EntityFrameworkCore;
using SecComms.Core.Communications;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Releases;

namespace SecComms.Core.Workflow;

/// <param name="Armed">True to publish it with its release, false to disarm it.</param>
public sealed record ShipWithReleaseRequest(bool? Armed);

/// <summary>
/// An armed communication and whether it would go out if its release were published now; <c>Outstanding</c> is what
/// stops it, from the one readiness evaluation.
/// </summary>
public sealed record ArmedCommunication(Guid Id, string Reference, string Title, bool Ready, IReadOnlyList<string> Outstanding);

/// <summary>An armed communication that cannot go out with its release, and why.</summary>
public sealed record UnreadyCommunication(string Communication, IReadOnlyList<string> Outstanding);

/// <summary>Communications that ship with their release: armed once approved, published in the transaction that publishes the release.</summary>
public sealed partial class WorkflowService
{
    /// <summary>
    /// Arms an approved communication to be published with its release, or disarms it. Arming asks the one readiness
    /// evaluation with <c>fix-released</c> open, as it will be at the moment the release is published.
    /// </summary>
    public Task<CommunicationView> ShipWithReleaseAsync(Actor actor, Guid id, ShipWithReleaseRequest request, CancellationToken cancellationToken)
    {
        new Validation().Require(request.Armed is not null, "armed", "armed is required: true to ship it with its release, false to disarm it.").ThrowIfInvalid();
        var armed = request.Armed!.Value;
        return ChangeAsync(actor, id, async (communication, _) =>
        {
            permissions.Require(actor, communication, CommunicationOperation.ShipWithRelease);
            if (!armed)
            {
                if (communication.ShipsWithRelease)
                {
                    await RecordAsync(actor, communication, communication.Disarm($"{actor.Email} disarmed it; it no longer ships with its release."),
                        cancellationToken);
                }
                return;
            }
            var release = communication.ReleaseId is { } releaseId
                ? await db.SecurityReleases.AsNoTracking().SingleAsync(r => r.Id == releaseId, cancellationToken)
                : throw new ConflictException($"{communication.Reference} is linked to no security release; link the release it ships with.");
            if (release.Status == ReleaseStatus.Published)
            {
                throw new ConflictException($"{release.Reference} is already published; publish {communication.Reference} now instead.");
            }
            if (communication.ShipsWithRelease)
            {
                return;
            }
            communication.RequireStatus("Only an approved communication can be armed to ship with its release", CommunicationStatus.Approved);
            await readiness.RequireAsync(communication, time.GetUtcNow(), null, $"armed to ship with {release.Reference}", cancellationToken, withRelease: true);
            await RecordAsync(actor, communication, communication.ArmForRelease(release.Reference), cancellationToken);
        }, cancellationToken);
    }

    /// <summary>The communications armed to ship with <paramref name="releaseId"/>, each with what would stop it now.</summary>
    internal async Task<IReadOnlyList<ArmedCommunication>> ArmedAsync(Guid releaseId, CancellationToken cancellationToken)
    {
        var armed = await db.Communications.AsNoTracking().Where(c => c.ReleaseId == releaseId && c.ShipsWithRelease)
            .OrderBy(c => c.Number).ToListAsync(cancellationToken);
        var views = new List<ArmedCommunication>();
        foreach (var communication in armed)
        {
            var report = await readiness.EvaluateAsync(communication, null, null, cancellationToken, withRelease: true);
            views.Add(new ArmedCommunication(communication.Id, communication.Reference, communication.Title, report.Ready, report.Outstanding));
        }
        return views;
    }

    /// <summary>
    /// Publishes every communication armed to ship with <paramref name="release"/>, in the caller's write scope, which has
    /// just published the release. One that is not ready is left behind only when <paramref name="leaveBehind"/> names
    /// it: it is disarmed with the reason recorded. Any other refuses the whole publication, naming each and why.
    /// </summary>
    /// <returns>The references published.</returns>
    internal async Task<IReadOnlyList<string>> ShipArmedAsync(Actor actor, SecurityRelease release, IReadOnlyCollection<string> leaveBehind,
        CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        var armed = await db.Communications.AsTracking().Where(c => c.ReleaseId == release.Id && c.ShipsWithRelease)
            .OrderBy(c => c.Number).ToListAsync(cancellationToken);
        var strangers = leaveBehind.Where(r => armed.All(c => c.Reference != r)).ToList();
        if (strangers.Count > 0)
        {
            throw ValidationException.For("leaveBehind",
                $"{string.Join(", ", strangers)} {(strangers.Count == 1 ? "is" : "are")} not armed to ship with {release.Reference}; armed: {(armed.Count == 0 ? "none" : string.Join(", ", armed.Select(c => c.Reference)))}.");
        }
        var now = time.GetUtcNow();
        var unready = new List<(Communication Communication, IReadOnlyList<string> Outstanding)>();
        foreach (var communication in armed)
        {
            var report = await readiness.EvaluateAsync(communication, now, null, cancellationToken);
            if (!report.Ready)
            {
                unready.Add((communication, report.Outstanding));
            }
        }
        var refused = unready.Where(u => !leaveBehind.Contains(u.Communication.Reference)).ToList();
        if (refused.Count > 0)
        {
            throw new ConflictException(
                $"{release.Reference} is not published: {string.Join(" ", refused.Select(u => $"{u.Communication.Reference}, armed to ship with it, cannot go out: {string.Join(" ", u.Outstanding)}"))} "
                + "Make each ready, disarm it, or name it in leaveBehind to publish the release without it.",
                [.. refused.Select(u => new UnreadyCommunication(u.Communication.Reference, u.Outstanding))]);
        }
        foreach (var (communication, outstanding) in unready)
        {
            await RecordAsync(actor, communication,
                communication.Disarm($"Left behind when {release.Reference} was published: {string.Join(" ", outstanding)}"), cancellationToken);
            communication.UpdatedAt = now;
        }
        var shipped = new List<string>();
        foreach (var communication in armed.Where(c => unready.All(u => u.Communication != c)))
        {
            await PublishAsync(actor.Email, communication, policy.CategoryOf(communication), null, cancellationToken, release.Reference);
            communication.UpdatedAt = now;
            shipped.Add(communication.Reference);
        }
        return shipped;
    }

    /// <summary>Tells the site and the dispatcher that communications were published with a release, once it commits.</summary>
    internal void Shipped()
    {
        publicChanges.Published();
        distribution.Wake();
    }
}
