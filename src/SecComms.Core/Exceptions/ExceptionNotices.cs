using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Identity;
using SecComms.Core.Notifications;
using SecComms.Core.Policy;

namespace SecComms.Core.Exceptions;

/// <summary>
/// Queues the messages the register sends: to the approvers when an exception is requested or about to expire, to its
/// requester when it is decided, revoked, expires or is about to. Call inside the write scope of the change.
/// </summary>
/// <remarks>
/// A message names the reference, the rule and the communication's reference and links to the entry, but never carries a
/// communication's text, and goes only to people who may see the communication: the body of an email leaves the system.
/// </remarks>
public sealed class ExceptionNotices(SecCommsDb db, Outbox outbox, CommunicationService communications, SecCommsPolicy policy)
{
    public async Task RequestedAsync(PolicyExceptionEntry entry, Actor requester, CancellationToken cancellationToken)
    {
        var approvers = (await ApproversAsync(cancellationToken)).Where(u => u.Id != requester.UserId);
        await SendAsync(entry, Key("requested", entry), approvers,
            $"{entry.Reference} waits for your decision: {entry.Rule}",
            $"{requester.Name} requests a policy exception{(entry.ExtendsId is null ? "" : " that extends an earlier one")}. As an approver, approve or reject it.",
            cancellationToken);
    }

    public async Task DecidedAsync(PolicyExceptionEntry entry, Actor decider, CancellationToken cancellationToken)
    {
        var approved = entry.Status == ExceptionStatus.Approved;
        await SendAsync(entry, Key("decided", entry), await RequesterAsync(entry, cancellationToken),
            $"{entry.Reference} {(approved ? "approved" : "rejected")}: {entry.Rule}",
            approved
                ? $"{decider.Name} approved your policy exception. It is in force until {Instant(entry.ExpiresAt)}."
                : $"{decider.Name} rejected your policy exception. The reason is on the exception.",
            cancellationToken);
    }

    public async Task RevokedAsync(PolicyExceptionEntry entry, Actor revoker, CancellationToken cancellationToken)
    {
        var requester = (await RequesterAsync(entry, cancellationToken)).Where(u => u.Id != revoker.UserId);
        await SendAsync(entry, Key("revoked", entry), requester,
            $"{entry.Reference} revoked: {entry.Rule}",
            $"{revoker.Name} revoked your policy exception; it is no longer in force. The reason is on the exception.",
            cancellationToken);
    }

    public async Task ExpiredAsync(PolicyExceptionEntry entry, CancellationToken cancellationToken) =>
        await SendAsync(entry, Key("expired", entry), await RequesterAsync(entry, cancellationToken),
            $"{entry.Reference} expired: {entry.Rule}",
            $"Your policy exception expired at {Instant(entry.ExpiresAt)} and is no longer in force. If it is still needed, request an extension.",
            cancellationToken);

    /// <param name="entry">The exception about to expire.</param>
    /// <param name="days">The reminder's day count, part of its key so each reminder goes out once.</param>
    /// <param name="cancellationToken">Cancels the sweep.</param>
    public async Task ReminderAsync(PolicyExceptionEntry entry, int days, CancellationToken cancellationToken)
    {
        var recipients = (await RequesterAsync(entry, cancellationToken)).Concat(await ApproversAsync(cancellationToken)).DistinctBy(u => u.Id);
        await SendAsync(entry, $"{Key("reminder", entry)}:{days.ToString(CultureInfo.InvariantCulture)}", recipients,
            $"{entry.Reference} expires {Instant(entry.ExpiresAt)}: {entry.Rule}",
            $"This policy exception expires at {Instant(entry.ExpiresAt)}, in {days} days or less. If it is still needed, request an extension before then.",
            cancellationToken);
    }

    /// <summary>Active members of the policy's exception approver teams who may act (viewers may not).</summary>
    private async Task<List<User>> ApproversAsync(CancellationToken cancellationToken)
    {
        var teams = policy.Exceptions.Approvers.ToList();
        return await db.Users.AsNoTracking().Include(u => u.Teams)
            .Where(u => !u.Disabled && u.Role != UserRole.Viewer && u.Teams.Any(t => teams.Contains(t.Team)))
            .OrderBy(u => u.Email)
            .ToListAsync(cancellationToken);
    }

    private async Task<List<User>> RequesterAsync(PolicyExceptionEntry entry, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Include(u => u.Teams).Where(u => u.Id == entry.RequestedById && !u.Disabled).ToListAsync(cancellationToken);

    /// <remarks>The key with the recipient's id appended is the outbox key, so each message goes out once however often it is sent.</remarks>
    private async Task SendAsync(PolicyExceptionEntry entry, string key, IEnumerable<User> recipients, string subject, string opening,
        CancellationToken cancellationToken)
    {
        var communication = entry.CommunicationId is { } id
            ? await db.Communications.AsNoTracking().FirstAsync(c => c.Id == id, cancellationToken)
            : null;
        var body = Body(entry, communication, opening);
        foreach (var user in recipients)
        {
            if (communication is not null
                && !await communications.VisibleTo(Actor.From(user)).AnyAsync(c => c.Id == communication.Id, cancellationToken))
            {
                continue;
            }
            await outbox.EnqueueAsync($"{key}:{user.Id}", user.Email, subject, body, cancellationToken);
        }
    }

    private static string Key(string reason, PolicyExceptionEntry entry) => $"exception-{reason}:{entry.Id}";

    private static string Body(PolicyExceptionEntry entry, Communication? communication, string opening)
    {
        var body = new StringBuilder().AppendLine(opening).AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Exception: {entry.Reference}")
            .AppendLine(CultureInfo.InvariantCulture, $"Rule: {entry.Rule}")
            .AppendLine(CultureInfo.InvariantCulture, $"Communication: {communication?.Reference ?? "none"}");
        if (entry.Gates.Count > 0)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"Gates: {string.Join(", ", entry.Gates)}");
        }
        body.AppendLine(CultureInfo.InvariantCulture, $"Risk: {Workflow.AuditNames.Of(entry.Risk)}")
            .AppendLine(CultureInfo.InvariantCulture, $"Period: {entry.PeriodDays} days");
        if (entry.ExpiresAt is { } expires)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"Expires: {Instant(expires)}");
        }
        return body.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Open it: {ExceptionRegister.Path(entry.Id)}").ToString();
    }

    private static string Instant(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "";
}
