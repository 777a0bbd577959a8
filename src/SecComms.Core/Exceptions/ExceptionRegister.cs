using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Paging;
using SecComms.Core.Policy;
using SecComms.Core.Workflow;

namespace SecComms.Core.Exceptions;

/// <summary>
/// The policy exception register: requests, decisions by the policy's exception approvers, revocations and extensions.
/// An exception for a confidential communication exists only for the people who may see that communication.
/// </summary>
public sealed class ExceptionRegister(
    SecCommsDb db,
    WriteScope writes,
    AuditTrail audit,
    SecCommsPolicy policy,
    CommunicationService communications,
    ExceptionNotices notices,
    TimeProvider time)
{
    public const int MaxExpiringWithinDays = 366;

    /// <summary>The disclosure gates an exception may let a communication pass.</summary>
    public static readonly IReadOnlyList<string> OverridableGates = [Gates.FixReleased, Gates.IncidentContained, Gates.EmbargoPassed];

    /// <summary>Risk ratings by the word the API uses.</summary>
    public static readonly IReadOnlyDictionary<string, RiskRating> Risks = Enum.GetValues<RiskRating>().ToDictionary(r => AuditNames.Of(r));

    public async Task<ExceptionView> RequestAsync(Actor actor, ExceptionRequest request, CancellationToken cancellationToken)
    {
        EnsureCanWrite(actor);
        var gates = (request.Gates ?? []).Distinct().ToList();
        var validation = new Validation()
            .Require(!string.IsNullOrWhiteSpace(request.Rule), "rule", "rule is required: name the policy or rule this departs from.")
            .MaxLength(request.Rule, ExceptionLimits.Rule, "rule")
            .PlainText(request.Rule, "rule")
            .Require(gates.All(g => g is not null && OverridableGates.Contains(g)), "gates", $"gates must be among: {string.Join(", ", OverridableGates)}.")
            .Require(gates.Count == 0 || request.CommunicationId is not null, "gates", "gates are those of one communication: give its communicationId too.");
        var reasons = ValidateCase(validation, request.Justification, request.AlternativesConsidered, request.CompensatingControls, request.Risk,
            request.PeriodDays);

        var id = await writes.RunAsync(async () =>
        {
            var communication = request.CommunicationId is { } communicationId
                ? await communications.FindVisibleAsync(actor, communicationId, tracking: false, cancellationToken)
                : null;
            return await AddAsync(actor, (request.Rule ?? "").Trim(), communication, gates, reasons, null, cancellationToken);
        }, cancellationToken);
        return await GetAsync(actor, id, cancellationToken);
    }

    /// <summary>Requests an extension of an approved exception: a new request for the same rule, communication and gates.</summary>
    /// <remarks>The original stays as it was, so the register shows what was granted when; the extension runs from its own approval.</remarks>
    public async Task<ExceptionView> ExtendAsync(Actor actor, Guid id, ExtensionRequest request, CancellationToken cancellationToken)
    {
        EnsureCanWrite(actor);
        var reasons = ValidateCase(new Validation(), request.Justification, request.AlternativesConsidered, request.CompensatingControls, request.Risk,
            request.PeriodDays);

        var extensionId = await writes.RunAsync(async () =>
        {
            var original = await FindVisibleAsync(actor, id, tracking: false, cancellationToken);
            if (original.RequestedById != actor.UserId && !IsApprover(actor))
            {
                throw new ForbiddenException(
                    $"Only the requester of {original.Reference} or a member of an exception approver team ({Approvers}) may extend it.");
            }
            if (original.Status is not (ExceptionStatus.Approved or ExceptionStatus.Expired))
            {
                throw new ConflictException(
                    $"Only an approved exception, in force or expired, can be extended; {original.Reference} is {Describe(original.StatusAt(time.GetUtcNow()))}.");
            }
            if (await db.PolicyExceptions.AsNoTracking().FirstOrDefaultAsync(e => e.ExtendsId == id && e.Status == ExceptionStatus.Requested, cancellationToken)
                is { } waiting)
            {
                throw new ConflictException($"{original.Reference} already has an extension waiting for a decision: {waiting.Reference}.");
            }
            var communication = original.CommunicationId is { } communicationId
                ? await db.Communications.AsNoTracking().FirstAsync(c => c.Id == communicationId, cancellationToken)
                : null;
            return await AddAsync(actor, original.Rule, communication, original.Gates, reasons, original, cancellationToken);
        }, cancellationToken);
        return await GetAsync(actor, extensionId, cancellationToken);
    }

    /// <summary>Approves a requested exception: it is in force from now for its period, under the policy in force now.</summary>
    public Task<ExceptionView> ApproveAsync(Actor actor, Guid id, string? comment, CancellationToken cancellationToken)
    {
        EnsureCanWrite(actor);
        new Validation().MaxLength(comment, ExceptionLimits.Text, "comment").PlainText(comment, "comment", multiline: true).ThrowIfInvalid();
        return DecideAsync(actor, id, approve: true, comment, cancellationToken);
    }

    public Task<ExceptionView> RejectAsync(Actor actor, Guid id, string? reason, CancellationToken cancellationToken)
    {
        EnsureCanWrite(actor);
        ValidateReason(reason);
        return DecideAsync(actor, id, approve: false, reason, cancellationToken);
    }

    /// <summary>Ends an exception in force before its period is over.</summary>
    public async Task<ExceptionView> RevokeAsync(Actor actor, Guid id, string? reason, CancellationToken cancellationToken)
    {
        EnsureCanWrite(actor);
        ValidateReason(reason);
        await writes.RunAsync(async () =>
        {
            var entry = await FindVisibleAsync(actor, id, tracking: true, cancellationToken);
            EnsureApprover(actor, "revoke");
            var now = time.GetUtcNow();
            if (!entry.IsInForce(now))
            {
                throw new ConflictException($"Only an exception in force can be revoked; {entry.Reference} is {Describe(entry.StatusAt(now))}.");
            }
            entry.Status = ExceptionStatus.Revoked;
            entry.RevokedById = actor.UserId;
            entry.RevokedAt = now;
            entry.RevocationReason = reason?.Trim();
            entry.UpdatedAt = now;
            await RecordAsync(actor.Email, "exception.revoked", entry, new { Reason = entry.RevocationReason, entry.ExpiresAt }, cancellationToken);
            await notices.RevokedAsync(entry, actor, cancellationToken);
        }, cancellationToken);
        return await GetAsync(actor, id, cancellationToken);
    }

    public async Task<ExceptionView> GetAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var entry = await FindVisibleAsync(actor, id, tracking: false, cancellationToken);
        var now = time.GetUtcNow();
        var communication = entry.CommunicationId is { } communicationId
            ? await db.Communications.AsNoTracking().FirstAsync(c => c.Id == communicationId, cancellationToken)
            : null;
        var extends = entry.ExtendsId is { } originalId
            ? await db.PolicyExceptions.AsNoTracking().FirstAsync(e => e.Id == originalId, cancellationToken)
            : null;
        var extensions = await db.PolicyExceptions.AsNoTracking().Where(e => e.ExtendsId == id).OrderBy(e => e.Number).ToListAsync(cancellationToken);
        var people = await communications.PeopleAsync(
            new[] { entry.RequestedById, entry.DecidedById, entry.RevokedById }.OfType<Guid>(), cancellationToken);
        var status = entry.StatusAt(now);
        var approver = IsApprover(actor);
        var actions = new ExceptionActions(
            Decide: approver && status == ExceptionStatus.Requested && entry.RequestedById != actor.UserId,
            Revoke: approver && entry.IsInForce(now),
            Extend: actor.CanWrite && (approver || entry.RequestedById == actor.UserId) && status is ExceptionStatus.Approved or ExceptionStatus.Expired
                && !extensions.Any(e => e.Status == ExceptionStatus.Requested));
        return new ExceptionView(
            entry.Id,
            entry.Reference,
            entry.Rule,
            communication is null ? null : new ExceptionCommunication(communication.Id, communication.Reference, communication.Title, communication.IsConfidential),
            entry.Gates,
            entry.Justification,
            entry.AlternativesConsidered,
            entry.CompensatingControls,
            entry.Risk,
            entry.PeriodDays,
            status,
            entry.IsInForce(now),
            people[entry.RequestedById],
            entry.RequestedAt,
            extends is null ? null : Link(extends, now),
            [.. extensions.Select(e => Link(e, now))],
            entry.DecidedById is { } decider ? people[decider] : null,
            entry.DecidedAt,
            entry.DecisionComment,
            entry.ExpiresAt,
            entry.RevokedById is { } revoker ? people[revoker] : null,
            entry.RevokedAt,
            entry.RevocationReason,
            entry.PolicyHash,
            entry.UpdatedAt,
            actions);
    }

    public async Task<ExceptionPage> ListAsync(Actor actor, ExceptionFilter filter, CancellationToken cancellationToken)
    {
        var before = NumberCursor.Parse(filter.Cursor);
        new Validation()
            .RequireLimit(filter.Limit)
            .Require(filter.ExpiringWithinDays is null or >= 1 and <= MaxExpiringWithinDays, "expiringWithinDays",
                $"expiringWithinDays must be between 1 and {MaxExpiringWithinDays}.")
            .ThrowIfInvalid();
        var now = time.GetUtcNow();
        var query = VisibleTo(actor);
        query = filter.Status switch
        {
            ExceptionStatus.Approved => query.Where(e => e.Status == ExceptionStatus.Approved && e.ExpiresAt > now),
            ExceptionStatus.Expired => query.Where(e => e.Status == ExceptionStatus.Expired || (e.Status == ExceptionStatus.Approved && e.ExpiresAt <= now)),
            { } status => query.Where(e => e.Status == status),
            null => query,
        };
        if (filter.CommunicationId is { } communicationId)
        {
            query = query.Where(e => e.CommunicationId == communicationId);
        }
        if (filter.RequestedByMe)
        {
            query = query.Where(e => e.RequestedById == actor.UserId);
        }
        if (filter.Risk is { } risk)
        {
            query = query.Where(e => e.Risk == risk);
        }
        if (filter.ExpiringWithinDays is { } days)
        {
            var until = now.AddDays(days);
            query = query.Where(e => e.Status == ExceptionStatus.Approved && e.ExpiresAt > now && e.ExpiresAt <= until);
        }
        if (before is { } number)
        {
            query = query.Where(e => e.Number < number);
        }
        var page = await query.OrderByDescending(e => e.Number).Take(filter.Limit + 1).ToListAsync(cancellationToken);
        var items = page.Take(filter.Limit).ToList();
        var people = await communications.PeopleAsync(items.Select(e => e.RequestedById), cancellationToken);
        var communicationIds = items.Select(e => e.CommunicationId).OfType<Guid>().Distinct().ToList();
        var numbers = await db.Communications.AsNoTracking().Where(c => communicationIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Number, cancellationToken);
        var next = page.Count > filter.Limit ? items[^1].Number.ToString(CultureInfo.InvariantCulture) : null;
        return new ExceptionPage([.. items.Select(e => new ExceptionSummary(
            e.Id,
            e.Reference,
            e.Rule,
            e.CommunicationId,
            e.CommunicationId is { } c ? $"SC-{numbers[c]}" : null,
            e.Gates,
            e.Risk,
            e.PeriodDays,
            e.StatusAt(now),
            people[e.RequestedById],
            e.RequestedAt,
            e.ExpiresAt,
            e.ExtendsId))], next);
    }

    /// <summary>Whether <paramref name="actor"/> may approve, reject and revoke exceptions: a writer in one of the policy's approver teams.</summary>
    public bool IsApprover(Actor actor) => actor.CanWrite && policy.Exceptions.Approvers.Any(actor.IsInTeam);

    /// <summary>Where a person reads the exception in the web UI; notifications link here.</summary>
    public static string Path(Guid id) => $"/exceptions/{id}";

    internal static string Entity(Guid id) => $"exception:{id}";

    internal static string Describe(ExceptionStatus status) => AuditNames.Of(status);

    private string Approvers => string.Join(", ", policy.Exceptions.Approvers);

    private async Task<ExceptionView> DecideAsync(Actor actor, Guid id, bool approve, string? comment, CancellationToken cancellationToken)
    {
        await writes.RunAsync(async () =>
        {
            var entry = await FindVisibleAsync(actor, id, tracking: true, cancellationToken);
            EnsureApprover(actor, approve ? "approve" : "reject");
            if (entry.RequestedById == actor.UserId)
            {
                throw new ForbiddenException($"No one decides on an exception they requested; you requested {entry.Reference}.");
            }
            var now = time.GetUtcNow();
            if (entry.Status != ExceptionStatus.Requested)
            {
                throw new ConflictException(
                    $"Only a requested exception can be {(approve ? "approved" : "rejected")}; {entry.Reference} is {Describe(entry.StatusAt(now))}.");
            }
            if (approve)
            {
                await EnsureStillGrantableAsync(entry, cancellationToken);
            }
            entry.Status = approve ? ExceptionStatus.Approved : ExceptionStatus.Rejected;
            entry.DecidedById = actor.UserId;
            entry.DecidedAt = now;
            entry.DecisionComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
            entry.ExpiresAt = approve ? now.AddDays(entry.PeriodDays) : null;
            entry.PolicyHash = policy.Hash;
            entry.UpdatedAt = now;
            await RecordAsync(actor.Email, approve ? "exception.approved" : "exception.rejected", entry,
                new { Comment = entry.DecisionComment, entry.PeriodDays, entry.ExpiresAt }, cancellationToken);
            await notices.DecidedAsync(entry, actor, cancellationToken);
        }, cancellationToken);
        return await GetAsync(actor, id, cancellationToken);
    }

    /// <remarks>The policy may have changed since the request: its maximum holds when the exception is granted, and a revoked original stays revoked.</remarks>
    private async Task EnsureStillGrantableAsync(PolicyExceptionEntry entry, CancellationToken cancellationToken)
    {
        var max = policy.Exceptions.MaxPeriodDays;
        if (entry.PeriodDays > max)
        {
            throw new ConflictException(
                $"{entry.Reference} asks for {entry.PeriodDays} days, but the policy in force grants an exception for {max} days at most; reject it and request again.");
        }
        if (entry.ExtendsId is { } originalId
            && await db.PolicyExceptions.AsNoTracking().FirstAsync(e => e.Id == originalId, cancellationToken) is { Status: ExceptionStatus.Revoked } original)
        {
            throw new ConflictException($"{entry.Reference} extends {original.Reference}, which was revoked; it cannot be approved.");
        }
    }

    private async Task<Guid> AddAsync(Actor actor, string rule, Communication? communication, List<string> gates, Reasons reasons,
        PolicyExceptionEntry? extends, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entry = new PolicyExceptionEntry
        {
            Number = (await db.PolicyExceptions.MaxAsync(e => (int?)e.Number, cancellationToken) ?? 0) + 1,
            Rule = rule,
            CommunicationId = communication?.Id,
            Gates = gates,
            Justification = reasons.Justification,
            AlternativesConsidered = reasons.AlternativesConsidered,
            CompensatingControls = reasons.CompensatingControls,
            Risk = reasons.Risk,
            PeriodDays = reasons.PeriodDays,
            RequestedById = actor.UserId,
            RequestedAt = now,
            ExtendsId = extends?.Id,
            Status = ExceptionStatus.Requested,
            UpdatedAt = now,
        };
        db.PolicyExceptions.Add(entry);
        await RecordAsync(actor.Email, "exception.requested", entry, new
        {
            entry.Rule,
            entry.CommunicationId,
            CommunicationReference = communication?.Reference,
            entry.Gates,
            entry.Justification,
            entry.AlternativesConsidered,
            entry.CompensatingControls,
            Risk = AuditNames.Of(entry.Risk),
            entry.PeriodDays,
            Extends = extends?.Reference,
        }, cancellationToken);
        await notices.RequestedAsync(entry, actor, cancellationToken);
        return entry.Id;
    }

    private Task<AuditEvent> RecordAsync(string actor, string action, PolicyExceptionEntry entry, object details, CancellationToken cancellationToken) =>
        audit.RecordAsync(actor, action, Entity(entry.Id), AuditData(entry, details, policy), cancellationToken);

    /// <summary>Every exception event has the same shape: the reference and status after the change, what changed, and the policy hash.</summary>
    internal static object AuditData(PolicyExceptionEntry entry, object details, SecCommsPolicy policy) => new
    {
        entry.Reference,
        Status = Describe(entry.Status),
        Details = details,
        PolicyHash = policy.Hash,
    };

    /// <remarks>An exception for a confidential communication the actor may not see is reported exactly like one that does not exist.</remarks>
    private async Task<PolicyExceptionEntry> FindVisibleAsync(Actor actor, Guid id, bool tracking, CancellationToken cancellationToken)
    {
        var query = VisibleTo(actor);
        return await (tracking ? query.AsTracking() : query).FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new NotFoundException($"There is no policy exception {id}.");
    }

    private IQueryable<PolicyExceptionEntry> VisibleTo(Actor actor)
    {
        var visible = communications.VisibleTo(actor);
        return db.PolicyExceptions.AsNoTracking().Where(e => e.CommunicationId == null || visible.Any(c => c.Id == e.CommunicationId));
    }

    private Reasons ValidateCase(Validation validation, string? justification, string? alternatives, string? controls, string? risk, int? periodDays)
    {
        var max = policy.Exceptions.MaxPeriodDays;
        RiskRating? rating = risk is not null && Risks.TryGetValue(risk, out var known) ? known : null;
        RequiredText(validation, justification, "justification", "justification is required: why the rule cannot be followed.");
        RequiredText(validation, alternatives, "alternativesConsidered",
            "alternativesConsidered is required: what was considered instead of an exception, and why it does not do.");
        RequiredText(validation, controls, "compensatingControls", "compensatingControls is required: what limits the risk while the exception is in force.");
        validation
            .Require(rating is not null, "risk", $"risk must be one of: {string.Join(", ", Risks.Keys)}.")
            .Require(periodDays is not null, "periodDays", $"periodDays is required: how many days the exception lasts once approved, 1 to {max}.")
            .Require(periodDays is null or >= 1, "periodDays", "periodDays must be at least 1.")
            .Require(periodDays is null || periodDays <= max, "periodDays",
                $"periodDays may be at most {max}: the policy grants an exception for {max} days at most (asked: {periodDays}). Request an extension when it runs out.")
            .ThrowIfInvalid();
        return new Reasons((justification ?? "").Trim(), (alternatives ?? "").Trim(), (controls ?? "").Trim(), rating.GetValueOrDefault(),
            periodDays.GetValueOrDefault());
    }

    private static void RequiredText(Validation validation, string? value, string field, string message) =>
        validation
            .Require(!string.IsNullOrWhiteSpace(value), field, message)
            .MaxLength(value, ExceptionLimits.Text, field)
            .PlainText(value, field, multiline: true);

    private static void ValidateReason(string? reason)
    {
        var validation = new Validation();
        RequiredText(validation, reason, "reason", "reason is required.");
        validation.ThrowIfInvalid();
    }

    private void EnsureApprover(Actor actor, string what)
    {
        if (!IsApprover(actor))
        {
            throw new ForbiddenException($"Only a member of an exception approver team ({Approvers}) may {what} a policy exception; you are in none of them.");
        }
    }

    private static void EnsureCanWrite(Actor actor)
    {
        if (!actor.CanWrite)
        {
            throw new ForbiddenException("Viewers can read policy exceptions but not request or decide them.");
        }
    }

    private static ExceptionLink Link(PolicyExceptionEntry entry, DateTimeOffset now) => new(entry.Id, entry.Reference, entry.StatusAt(now));


    private sealed record Reasons(string Justification, string AlternativesConsidered, string CompensatingControls, RiskRating Risk, int PeriodDays);
}
