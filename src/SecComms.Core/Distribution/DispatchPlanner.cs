using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;

namespace SecComms.Core.Distribution;

/// <summary>
/// Turns a publication into its deliveries, inside the transaction that publishes: the dispatch with one row per
/// recipient, and one event per webhook. Publication and delivery are therefore one moment: if the transaction commits,
/// every channel goes; if anything refuses (an empty audience, a broken placeholder), nothing is published.
/// </summary>
public sealed class DispatchPlanner(SecCommsDb db, AuditTrail audit, WebhookEvents webhooks, CommunicationReads reads, TimeProvider time)
{
    /// <summary>Sends what <paramref name="published"/> made public: the published revision's email to its audience, and the webhook events.</summary>
    public async Task QueueAsync(string actorEmail, Communication communication, Published published, CancellationToken cancellationToken)
    {
        if (await AudienceOfAsync(communication, cancellationToken) is { } filter)
        {
            var revision = await db.Revisions.AsNoTracking()
                .SingleAsync(r => r.CommunicationId == communication.Id && r.Number == published.Revision, cancellationToken);
            await CreateAsync(actorEmail, communication, revision, DispatchKind.Publication, filter.Description, filter.Mandatory,
                (dispatch, now) => filter.QueueAsync(db, dispatch.Id, now, cancellationToken), cancellationToken);
        }
        await webhooks.QueueAsync(communication, cancellationToken);
    }

    /// <summary>The audience the communication names, or null when it has none; an audience that no longer resolves refuses.</summary>
    internal async Task<AudienceFilter?> AudienceOfAsync(Communication communication, CancellationToken cancellationToken)
    {
        if (communication.AudienceSegmentId is { } segmentId)
        {
            var segment = await reads.SegmentAsync(segmentId, cancellationToken)
                ?? throw new ConflictException($"{communication.Reference}'s audience segment no longer exists; choose another audience.");
            return AudienceFilter.Of(segment);
        }
        if (communication.AudienceAffectedCustomers)
        {
            var incident = (communication.IncidentId is { } incidentId ? await reads.IncidentAsync(incidentId, cancellationToken) : null)
                ?? throw new ConflictException($"{communication.Reference} is sent to its incident's affected customers but is not linked to an incident.");
            return AudienceFilter.AffectedCustomers(incident.Reference, incident.AffectedCustomers);
        }
        return null;
    }

    /// <summary>Creates a dispatch of the revision's email and fills its delivery rows with <paramref name="queue"/>; refuses an empty one.</summary>
    internal async Task<Dispatch> CreateAsync(string actorEmail, Communication communication, Revision revision, DispatchKind kind, string audienceName,
        bool mandatory, Func<Dispatch, DateTimeOffset, Task<int>> queue, CancellationToken cancellationToken)
    {
        if (revision.EmailSubject.Length == 0 || revision.EmailBody.Trim().Length == 0)
        {
            throw new ConflictException($"{communication.Reference} has an email audience but no email subject and body in revision {revision.Number}.");
        }
        var (affected, fixedIn) = await ReleaseVersionsAsync(communication, cancellationToken);
        PersonalMessage.Prepare(revision.EmailSubject, revision.EmailBody, affected, fixedIn);
        var now = time.GetUtcNow();
        var dispatch = new Dispatch
        {
            CommunicationId = communication.Id,
            Revision = revision.Number,
            Kind = kind,
            Audience = audienceName.Length > 300 ? audienceName[..300] : audienceName,
            Mandatory = mandatory,
            Emergency = communication.Emergency || kind == DispatchKind.Test,
            RequiresAcknowledgement = communication.RequiresAcknowledgement && kind == DispatchKind.Publication,
            Subject = (kind == DispatchKind.Test ? "[TEST] " : "") + revision.EmailSubject,
            Body = revision.EmailBody,
            AffectedVersions = affected,
            FixedVersions = fixedIn,
            Secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            CreatedBy = actorEmail,
            CreatedAt = now,
        };
        db.Dispatches.Add(dispatch);
        await db.SaveChangesAsync(cancellationToken);
        dispatch.Recipients = await queue(dispatch, now);
        if (dispatch.Recipients == 0)
        {
            throw new ConflictException($"{communication.Reference}'s email audience, {audienceName}, reaches no one; nothing was sent. " +
                "Add contacts, or choose another audience.");
        }
        await audit.RecordAsync(actorEmail, kind == DispatchKind.Test ? "dispatch.test-sent" : "dispatch.created", Dispatches.Entity(dispatch.Id), new
        {
            communication.Reference,
            dispatch.Revision,
            dispatch.Audience,
            dispatch.Recipients,
            dispatch.Mandatory,
            dispatch.Emergency,
            dispatch.RequiresAcknowledgement,
        }, cancellationToken);
        return dispatch;
    }

    private async Task<(string Affected, string Fixed)> ReleaseVersionsAsync(Communication communication, CancellationToken cancellationToken)
    {
        if (communication.ReleaseId is not { } releaseId)
        {
            return ("", "");
        }
        var release = await db.SecurityReleases.AsNoTracking().SingleAsync(r => r.Id == releaseId, cancellationToken);
        var ranges = await db.Vulnerabilities.AsNoTracking().Where(v => v.ReleaseId == releaseId).Select(v => v.Affected).ToListAsync(cancellationToken);
        var affected = ranges.SelectMany(r => r).Select(r => $"{r.Introduced} to before {r.Fixed}").Distinct();
        return (Truncate(string.Join(", ", affected)), Truncate(string.Join(", ", release.Versions)));
    }

    private static string Truncate(string text) => text.Length > 1000 ? text[..1000] : text;
}
