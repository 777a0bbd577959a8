using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Policy;
using SecComms.Core.Workflow;

namespace SecComms.Core.Distribution;

/// <summary>The delivery report of dispatches, test sends to approvers, and customers' acknowledgements.</summary>
public sealed class Dispatches(
    SecCommsDb db, WriteScope writes, AuditTrail audit, CommunicationService communications, DispatchPlanner planner, AudienceAccess access,
    SecCommsPolicy policy, DistributionSignal signal, CommunicationPermissions permissions, TimeProvider time)
{
    public static string Entity(Guid id) => $"dispatch:{id}";

    /// <summary>The dispatches of a communication the caller can see, the newest first.</summary>
    /// <remarks>Read with their deliveries tallied in one query, however many dispatches there are.</remarks>
    public async Task<IReadOnlyList<DispatchView>> ListAsync(Actor actor, Guid communicationId, CancellationToken cancellationToken)
    {
        var communication = await communications.FindVisibleAsync(actor, communicationId, tracking: false, cancellationToken);
        var rows = await (from d in db.Dispatches.AsNoTracking().Where(d => d.CommunicationId == communicationId)
                          join t in Tallies(db.Deliveries.AsNoTracking()) on d.Id equals t.DispatchId into tallies
                          from t in tallies.DefaultIfEmpty()
                          orderby d.CreatedAt descending, d.Id descending
                          select new { Dispatch = d, Tally = t }).ToListAsync(cancellationToken);
        var tallied = await TallyAsync([.. rows.Where(r => r.Tally != null).Select(r => r.Tally!)], cancellationToken);
        return [.. rows.Select(r => r.Dispatch).DistinctBy(d => d.Id)
            .Select(d => View(d, communication.Reference, tallied.GetValueOrDefault(d.Id, DeliveryTally.None)))];
    }

    public async Task<DispatchView> GetAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var (dispatch, communication) = await FindAsync(actor, id, cancellationToken);
        return await ViewAsync(dispatch, communication.Reference, cancellationToken);
    }

    /// <summary>
    /// Per organization: how many of its contacts were sent the message, are still pending, failed or acknowledged. A test
    /// send reaches approvers, not customers, so it has none.
    /// </summary>
    public async Task<OrganizationReport> OrganizationsAsync(Actor actor, Guid id, bool unreachedOnly, CancellationToken cancellationToken)
    {
        access.RequireRead(actor);
        var (dispatch, _) = await FindAsync(actor, id, cancellationToken);
        if (dispatch.Kind == DispatchKind.Test)
        {
            return new OrganizationReport(0, 0, 0, []);
        }
        var rows = await db.Deliveries.AsNoTracking().Where(d => d.DispatchId == id)
            .GroupBy(d => new { d.OrganizationId, d.Organization, d.Status })
            .Select(g => new { g.Key.OrganizationId, g.Key.Organization, g.Key.Status, Count = g.Count(), Acknowledged = g.Count(d => d.AcknowledgedAt != null) })
            .ToListAsync(cancellationToken);
        var organizations = rows.GroupBy(r => (r.OrganizationId, r.Organization)).Select(g =>
        {
            int Of(DeliveryStatus status) => g.Where(r => r.Status == status).Sum(r => r.Count);
            var sent = Of(DeliveryStatus.Sent);
            return new OrganizationDelivery(g.Key.OrganizationId, g.Key.Organization ?? "(no organization)", g.Sum(r => r.Count), sent,
                Of(DeliveryStatus.Queued), Of(DeliveryStatus.Deferred), Of(DeliveryStatus.Failed), g.Sum(r => r.Acknowledged), sent > 0);
        }).OrderBy(o => o.Reached).ThenBy(o => o.Organization, StringComparer.Ordinal).ToList();
        return new OrganizationReport(organizations.Count, organizations.Count(o => o.Reached), organizations.Count(o => o.Acknowledged > 0),
            unreachedOnly ? [.. organizations.Where(o => !o.Reached)] : organizations);
    }

    /// <summary>
    /// Who a test send went to (its approvers and whoever sent it) and how each delivery fared, for anyone who may see the
    /// dispatch: they are colleagues, not customers. Empty for a publication, whose recipients are customers' personal data.
    /// </summary>
    public async Task<IReadOnlyList<TestRecipient>> TestRecipientsAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var (dispatch, _) = await FindAsync(actor, id, cancellationToken);
        if (dispatch.Kind != DispatchKind.Test)
        {
            return [];
        }
        return await db.Deliveries.AsNoTracking().Where(d => d.DispatchId == id).OrderBy(d => d.Email)
            .Select(d => new TestRecipient(d.Email, d.Status, d.SentAt)).ToListAsync(cancellationToken);
    }

    /// <summary>Recipients of a dispatch, filtered by status, in the order they were queued.</summary>
    public async Task<Page<DeliveryView>> DeliveriesAsync(Actor actor, Guid id, DeliveryStatus? status, int offset, int limit, CancellationToken cancellationToken)
    {
        access.RequireRead(actor);
        new Validation()
            .Require(offset >= 0, "offset", "offset must be 0 or more.")
            .Require(limit is >= 1 and <= Organizations.MaxPageSize, "limit", $"limit must be between 1 and {Organizations.MaxPageSize}.")
            .ThrowIfInvalid();
        await FindAsync(actor, id, cancellationToken);
        var query = db.Deliveries.AsNoTracking().Where(d => d.DispatchId == id && (status == null || d.Status == status));
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(d => d.Id).Skip(offset).Take(limit).Select(d => View(d)).ToListAsync(cancellationToken);
        return new Page<DeliveryView>(items, total);
    }

    /// <summary>Writes every recipient and its outcome as CSV, a page at a time.</summary>
    public async Task WriteCsvAsync(Actor actor, Guid id, TextWriter output, CancellationToken cancellationToken)
    {
        access.RequireRead(actor);
        await FindAsync(actor, id, cancellationToken);
        await output.WriteLineAsync("email,name,organization,status,attempts,sent_at,acknowledged_at,last_error");
        long after = 0;
        while (true)
        {
            var page = await db.Deliveries.AsNoTracking().Where(d => d.DispatchId == id && d.Id > after).OrderBy(d => d.Id).Take(5000).ToListAsync(cancellationToken);
            foreach (var d in page)
            {
                await output.WriteLineAsync(string.Join(",", CsvRecords.Field(d.Email), CsvRecords.Field(d.Name, protect: true),
                    CsvRecords.Field(d.Organization, protect: true), KebabNames.Of<DeliveryStatus>(d.Status), d.Attempts, d.SentAt?.ToString("O") ?? "",
                    d.AcknowledgedAt?.ToString("O") ?? "", CsvRecords.Field(d.LastError, protect: true)));
            }
            if (page.Count < 5000)
            {
                break;
            }
            after = page[^1].Id;
        }
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Sends the current revision's email to the people who approve it and may read it (and the caller), personalized as
    /// the first recipient of its audience would get it, marked [TEST]; without rate limit, so approvers see it at once.
    /// </summary>
    public async Task<DispatchView> TestSendAsync(Actor actor, Guid communicationId, CancellationToken cancellationToken)
    {
        if (!actor.CanWrite)
        {
            throw new ForbiddenException("Viewers cannot send test messages.");
        }
        var dispatch = await writes.RunAsync(async () =>
        {
            var communication = await communications.FindVisibleAsync(actor, communicationId, tracking: false, cancellationToken);
            permissions.Require(actor, communication, CommunicationOperation.TestSend);
            if (communication.Status is CommunicationStatus.Published or CommunicationStatus.Withdrawn or CommunicationStatus.NoPublicNotification)
            {
                throw new ConflictException($"{communication.Reference} is {KebabNames.Of<CommunicationStatus>(communication.Status)}; a test send is for messages not yet out.");
            }
            var category = policy.CategoryOf(communication);
            if (!category.Channels.Contains(Policy.Channels.Email))
            {
                throw new ConflictException($"A {category.Key} goes out on {string.Join(" and ", category.Channels)}, never by email; {communication.Reference} has no email to test.");
            }
            var revision = await db.Revisions.AsNoTracking()
                .SingleAsync(r => r.CommunicationId == communication.Id && r.Number == communication.CurrentRevision, cancellationToken);
            var approvers = await ApproversAsync(actor, communication, cancellationToken);
            var sample = await SampleRecipientAsync(communication, cancellationToken);
            return await planner.CreateAsync(actor.Email, communication, revision, DispatchKind.Test,
                $"the approvers of {communication.Reference}", mandatory: true, (d, now) =>
                {
                    foreach (var approver in approvers)
                    {
                        db.Deliveries.Add(new Delivery
                        {
                            DispatchId = d.Id,
                            Email = approver.Email,
                            Name = sample?.Name ?? approver.Name,
                            Organization = sample?.Organization,
                            ProductVersion = sample?.ProductVersion,
                            Status = DeliveryStatus.Queued,
                            NextAttemptAt = now,
                        });
                    }
                    return Task.FromResult(approvers.Count);
                }, cancellationToken);
        }, cancellationToken);
        signal.Wake();
        return await GetAsync(actor, dispatch.Id, cancellationToken);
    }

    /// <summary>Records a recipient's confirmation of receipt from their link; null when the link is not valid.</summary>
    public async Task<Acknowledgement?> AcknowledgeAsync(string token, CancellationToken cancellationToken)
    {
        if (AcknowledgementTokens.DeliveryOf(token) is not { } deliveryId)
        {
            return null;
        }
        return await writes.RunAsync(async () =>
        {
            var found = await (from d in db.Deliveries.AsTracking()
                               join x in db.Dispatches on d.DispatchId equals x.Id
                               join c in db.Communications on x.CommunicationId equals c.Id
                               where d.Id == deliveryId
                               select new { Delivery = d, x.Secret, x.RequiresAcknowledgement, c.Id, c.Number, c.Title }).SingleOrDefaultAsync(cancellationToken);
            if (found is null || !found.RequiresAcknowledgement || !AcknowledgementTokens.Verify(found.Secret, deliveryId, token))
            {
                return null;
            }
            if (found.Delivery.AcknowledgedAt is null)
            {
                found.Delivery.AcknowledgedAt = time.GetUtcNow();
                await audit.RecordAsync(found.Delivery.Email, "delivery.acknowledged", CommunicationService.Entity(found.Id), new
                {
                    Communication = $"SC-{found.Number}",
                    found.Delivery.Email,
                    found.Delivery.Organization,
                }, cancellationToken);
            }
            return new Acknowledgement($"SC-{found.Number}", found.Title, found.Delivery.Organization, found.Delivery.AcknowledgedAt.Value);
        }, cancellationToken);
    }

    /// <summary>
    /// The active members of the teams of every stage that applies, those the SAFE answers add included, and the caller;
    /// only those who may read the communication, so a confidential one's text reaches no one who would get a 404 on it.
    /// </summary>
    private async Task<List<(string Email, string Name)>> ApproversAsync(Actor actor, Communication communication, CancellationToken cancellationToken)
    {
        var answers = await db.SafeChecks.AsNoTracking().FirstOrDefaultAsync(s => s.CommunicationId == communication.Id, cancellationToken);
        var teams = ApprovalProgress.Evaluate(policy.CategoryOf(communication), policy.Safe, communication, answers, [])
            .Where(s => s.Applies).Select(s => s.Stage.Team).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => !u.Disabled && (u.Id == actor.UserId || u.Teams.Any(t => teams.Contains(t.Team))))
            .OrderBy(u => u.Email).Select(u => new { u.Id, u.Email, u.Name }).ToListAsync(cancellationToken);
        var readers = await communications.ReadersAmongAsync(communication, people.Select(p => p.Id), cancellationToken);
        return [.. people.Where(p => readers.Contains(p.Id)).Select(p => (p.Email, p.Name))];
    }

    private async Task<Recipient?> SampleRecipientAsync(Communication communication, CancellationToken cancellationToken)
    {
        if (await planner.AudienceOfAsync(communication, cancellationToken) is not { } filter)
        {
            return null;
        }
        var sample = await (from c in filter.Contacts(db).AsNoTracking()
                            join o in db.Organizations on c.OrganizationId equals o.Id
                            orderby c.Email
                            select new Recipient(c.Name, c.Email, o.Name, o.ProductVersion)).FirstOrDefaultAsync(cancellationToken);
        return sample;
    }

    private async Task<(Dispatch Dispatch, Communication Communication)> FindAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var dispatch = await db.Dispatches.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw new NotFoundException("No such dispatch.");
        try
        {
            return (dispatch, await communications.FindVisibleAsync(actor, dispatch.CommunicationId, tracking: false, cancellationToken));
        }
        catch (NotFoundException)
        {
            throw new NotFoundException("No such dispatch.");
        }
    }

    private async Task<DispatchView> ViewAsync(Dispatch dispatch, string reference, CancellationToken cancellationToken)
    {
        var tallies = await TallyAsync(db.Deliveries.AsNoTracking().Where(d => d.DispatchId == dispatch.Id), cancellationToken);
        return View(dispatch, reference, tallies.GetValueOrDefault(dispatch.Id, DeliveryTally.None));
    }

    /// <summary>Each dispatch's deliveries by status: how many, how many acknowledged, the next attempt and the latest with an error.</summary>
    private static IQueryable<StatusTally> Tallies(IQueryable<Delivery> deliveries) =>
        deliveries.GroupBy(d => new { d.DispatchId, d.Status }).Select(g => new StatusTally
        {
            DispatchId = g.Key.DispatchId,
            Status = g.Key.Status,
            Count = g.Count(),
            Acknowledged = g.Count(d => d.AcknowledgedAt != null),
            NextAttemptAt = g.Min(d => (DateTimeOffset?)d.NextAttemptAt),
            LastErrorId = g.Max(d => d.LastError != null ? (long?)d.Id : null),
        });

    private async Task<Dictionary<Guid, DeliveryTally>> TallyAsync(IQueryable<Delivery> deliveries, CancellationToken cancellationToken) =>
        await TallyAsync(await Tallies(deliveries).ToListAsync(cancellationToken), cancellationToken);

    /// <summary>The tallies of each dispatch; a dispatch with a deferred or failed delivery reads its latest error too, in one more query.</summary>
    private async Task<Dictionary<Guid, DeliveryTally>> TallyAsync(List<StatusTally> rows, CancellationToken cancellationToken)
    {
        var errorIds = rows.GroupBy(r => r.DispatchId).Where(g => g.Any(r => r.Status is DeliveryStatus.Deferred or DeliveryStatus.Failed))
            .Select(g => g.Max(r => r.LastErrorId)).OfType<long>().ToList();
        var errors = errorIds.Count == 0 ? [] : await db.Deliveries.AsNoTracking().Where(d => errorIds.Contains(d.Id))
            .ToDictionaryAsync(d => d.DispatchId, d => d.LastError, cancellationToken);
        return rows.GroupBy(r => r.DispatchId).ToDictionary(g => g.Key, g =>
        {
            int Of(DeliveryStatus status) => g.Where(r => r.Status == status).Sum(r => r.Count);
            var counts = new DispatchCounts(Of(DeliveryStatus.Queued), Of(DeliveryStatus.Deferred), Of(DeliveryStatus.Sent), Of(DeliveryStatus.Failed),
                g.Sum(r => r.Acknowledged));
            var next = g.Where(r => r.Status is DeliveryStatus.Queued or DeliveryStatus.Deferred).Min(r => r.NextAttemptAt);
            return new DeliveryTally(counts, next, errors.GetValueOrDefault(g.Key));
        });
    }

    private static DispatchView View(Dispatch dispatch, string reference, DeliveryTally tally)
    {
        var counts = tally.Counts;
        var done = counts.Sent + counts.Failed;
        return new DispatchView(dispatch.Id, dispatch.CommunicationId, reference, dispatch.Kind, dispatch.Audience, dispatch.Revision, dispatch.Mandatory,
            dispatch.Emergency, dispatch.RequiresAcknowledgement, dispatch.Recipients, counts, counts.Total == 0 ? 1 : Math.Round((double)done / counts.Total, 4),
            dispatch.CreatedAt, dispatch.CompletedAt, tally.NextAttemptAt, tally.LastError);
    }

    private sealed class StatusTally
    {
        public Guid DispatchId { get; init; }
        public DeliveryStatus Status { get; init; }
        public int Count { get; init; }
        public int Acknowledged { get; init; }
        public DateTimeOffset? NextAttemptAt { get; init; }
        public long? LastErrorId { get; init; }
    }

    private sealed record DeliveryTally(DispatchCounts Counts, DateTimeOffset? NextAttemptAt, string? LastError)
    {
        public static readonly DeliveryTally None = new(new DispatchCounts(0, 0, 0, 0, 0), null, null);
    }

    private static DeliveryView View(Delivery d) => new(d.Id, d.Email, d.Name, d.Organization, d.Status, d.Attempts, d.SentAt, d.NextAttemptAt, d.AcknowledgedAt, d.LastError);
}

/// <summary>Wakes this node's dispatcher when a publication or a test send has queued messages, instead of waiting for its next look.</summary>
public sealed class DistributionSignal
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _signal.Writer.TryWrite(true);

    /// <summary>Waits until woken or until <paramref name="timeout"/> has passed.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _signal.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }
}
