using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity;

namespace SecComms.Core.Audit;

public sealed record AuditEventView(long Seq, DateTimeOffset At, string Actor, string Action, string Entity, string Data, string PrevHash, string Hash);

/// <param name="Items">The events of this page, in the order asked for.</param>
/// <param name="NextAfter">In chain order, the <c>after</c> of the next page; null on the last.</param>
/// <param name="NextBefore">Newest first, the <c>before</c> of the next (older) page; null on the last.</param>
public sealed record AuditPage(IReadOnlyList<AuditEventView> Items, long? NextAfter, long? NextBefore = null);

/// <summary>Which events: each criterion given narrows them; <paramref name="From"/> is included, <paramref name="To"/> is not.</summary>
public sealed record AuditFilter(string? Entity = null, string? Action = null, string? Actor = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>
/// A keyset cursor on the sequence number, never an offset: in chain order, the events after <paramref name="Key"/>;
/// newest first, the events before it. Without a key a listing starts at its first event.
/// </summary>
public sealed record AuditCursor(bool NewestFirst = false, long? Key = null, int Limit = 100)
{
    /// <summary>The name the key goes by in a query: <c>after</c> in chain order, <c>before</c> newest first.</summary>
    public string KeyName => NewestFirst ? "before" : "after";
}

/// <summary>Reads the audit trail; nothing here or anywhere else changes it.</summary>
/// <remarks>
/// The trail names confidential work, so its events are read only by those <see cref="MayRead"/> allows. The head and
/// the verifier reveal no event and serve the operator's commands and the anchoring job as well.
/// </remarks>
public sealed class AuditLog(SecCommsDb db)
{
    public const int MaxPageSize = 1000;

    private const int ExportBatch = 500;

    private static readonly Expression<Func<AuditEvent, AuditEventView>> View =
        e => new AuditEventView(e.Seq, e.At, e.Actor, e.Action, e.Entity, e.Data, e.PrevHash, e.Hash);

    /// <summary>The security team reads the audit trail; administrators outside it do not.</summary>
    public static bool MayRead(Actor actor) => actor.IsInTeam(Actor.SecurityTeam);

    public async Task<AuditPage> ListAsync(Actor reader, AuditFilter filter, AuditCursor cursor, CancellationToken cancellationToken)
    {
        RequireReader(reader);
        new Validation()
            .Require(cursor.Limit is >= 1 and <= MaxPageSize, "limit", $"limit must be between 1 and {MaxPageSize}.")
            .Require(cursor.Key is null or >= 0, cursor.KeyName, $"{cursor.KeyName} must be a sequence number (0 or more).")
            .ThrowIfInvalid();
        Validate(filter);
        var events = await Page(Matching(filter), cursor).Take(cursor.Limit + 1).Select(View).ToListAsync(cancellationToken);
        var page = events.Take(cursor.Limit).ToList();
        var more = events.Count > cursor.Limit;
        return cursor.NewestFirst
            ? new AuditPage(page, null, more ? page[^1].Seq : null)
            : new AuditPage(page, more ? page[^1].Seq : null);
    }

    /// <summary>One event, or a 404 when there is no such sequence number.</summary>
    public async Task<AuditEventView> GetAsync(Actor reader, long seq, CancellationToken cancellationToken)
    {
        RequireReader(reader);
        return await db.AuditEvents.AsNoTracking().Where(e => e.Seq == seq).Select(View).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no audit event {seq}.");
    }

    /// <summary>
    /// Every event the filter matches, in chain order, read in batches by sequence number up to the head at the start,
    /// so a long trail is never held in memory. The reader and the filter are checked before the first event is read.
    /// </summary>
    public IAsyncEnumerable<AuditEventView> Export(Actor reader, AuditFilter filter)
    {
        RequireReader(reader);
        Validate(filter);
        return ExportAsync(filter);
    }

    /// <summary>The latest event's sequence number and hash, or null while the trail is empty.</summary>
    public async Task<AuditHead?> HeadAsync(CancellationToken cancellationToken) =>
        await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Seq).Select(e => new AuditHead(e.Seq, e.Hash)).FirstOrDefaultAsync(cancellationToken);

    private async IAsyncEnumerable<AuditEventView> ExportAsync(AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var last = (await HeadAsync(cancellationToken))?.Seq ?? 0;
        long after = 0;
        while (true)
        {
            var batch = await Matching(filter).Where(e => e.Seq > after && e.Seq <= last).OrderBy(e => e.Seq).Take(ExportBatch)
                .Select(View).ToListAsync(cancellationToken);
            foreach (var e in batch)
            {
                yield return e;
            }
            if (batch.Count < ExportBatch)
            {
                yield break;
            }
            after = batch[^1].Seq;
        }
    }

    /// <summary>The one query every reading of the trail starts from: the events a filter matches.</summary>
    private IQueryable<AuditEvent> Matching(AuditFilter filter)
    {
        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrEmpty(filter.Entity))
        {
            query = query.Where(e => e.Entity == filter.Entity);
        }
        if (!string.IsNullOrEmpty(filter.Action))
        {
            query = query.Where(e => e.Action == filter.Action);
        }
        if (!string.IsNullOrEmpty(filter.Actor))
        {
            query = query.Where(e => e.Actor == filter.Actor);
        }
        if (filter.From is { } from)
        {
            var utc = from.ToUniversalTime();
            query = query.Where(e => e.At >= utc);
        }
        if (filter.To is { } to)
        {
            var utc = to.ToUniversalTime();
            query = query.Where(e => e.At < utc);
        }
        return query;
    }

    private static IQueryable<AuditEvent> Page(IQueryable<AuditEvent> query, AuditCursor cursor) => cursor switch
    {
        { NewestFirst: false } => query.Where(e => e.Seq > (cursor.Key ?? 0)).OrderBy(e => e.Seq),
        { Key: { } before } => query.Where(e => e.Seq < before).OrderByDescending(e => e.Seq),
        _ => query.OrderByDescending(e => e.Seq),
    };

    private static void Validate(AuditFilter filter) =>
        new Validation()
            .PlainText(filter.Entity, "entity")
            .PlainText(filter.Action, "action")
            .PlainText(filter.Actor, "actor")
            .MaxLength(filter.Entity, 200, "entity")
            .MaxLength(filter.Action, 100, "action")
            .MaxLength(filter.Actor, 320, "actor")
            .Require(filter.From is null || filter.To is null || filter.From < filter.To, "to", "to must be later than from.")
            .ThrowIfInvalid();

    private static void RequireReader(Actor reader)
    {
        if (!MayRead(reader))
        {
            throw new ForbiddenException("Only the security team reads the audit trail: it names confidential work.");
        }
    }
}
