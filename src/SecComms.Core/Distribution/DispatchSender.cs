using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecComms.Core.Audit;
using SecComms.Core.Data;
using SecComms.Core.Mail;
using SecComms.Core.Telemetry;

namespace SecComms.Core.Distribution;

/// <summary>How one run of the sender went.</summary>
public sealed record SendResult(int Sent, int Deferred, int Failed)
{
    public int Attempted => Sent + Deferred + Failed;
}

/// <summary>
/// Sends due deliveries: claims them in batches for a lease, sends them over a few reused connections to the relay at
/// the configured rate, and records outcomes in small batches as the relay answers. A 5xx reply fails a recipient for
/// good; a 4xx reply, a dropped connection or a relay that is down defers it with exponential backoff and jitter.
/// </summary>
/// <remarks>
/// After a crash, rows whose lease ran out are taken again. Only messages the relay had accepted but whose outcome was
/// not yet written are sent twice, at most <see cref="DistributionOptions.InFlightBound"/>; each keeps its Message-ID,
/// so receivers can tell.
/// </remarks>
public sealed class DispatchSender(
    DatabaseOptions database, IMailSender mail, IOptions<DistributionOptions> options, IOptions<MailOptions> mailOptions, IOptions<SiteOptions> site,
    TimeProvider time, ILogger<DispatchSender> logger)
{
    private static readonly TimeSpan OutcomeWait = TimeSpan.FromMilliseconds(20);
    private readonly DistributionOptions _options = options.Value;
    // Worked out once per run, not per message: parsing the sender's address and the site's address again for every
    // message took 7% of the connections' time. The links are taken on first use, as a site without a base address has none.
    private readonly string _messageIdDomain = mailOptions.Value.Domain;
    private string? _acknowledgeLink;
    private string? _unsubscribeLink;

    /// <summary>Sends until nothing is due.</summary>
    public async Task<SendResult> SendDueAsync(CancellationToken cancellationToken)
    {
        using var activity = SecCommsTelemetry.Activities.StartActivity("dispatch.send-due");
        await using var claims = await ContextAsync(cancellationToken);
        await using var records = await ContextAsync(cancellationToken);
        var work = Channel.CreateBounded<Item>(new BoundedChannelOptions(_options.ClaimBatch) { SingleWriter = true });
        var outcomes = Channel.CreateBounded<Outcome>(new BoundedChannelOptions(_options.OutcomeBatch) { SingleReader = true });
        // SQLite takes one writer at a time, so claims and outcomes take turns here: otherwise the one that finds the file
        // locked sleeps in the driver's retry loop while the relay waits.
        using var writer = string.Equals(database.Provider, DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase) ? new SemaphoreSlim(1, 1) : null;
        var run = new Run(new Pacer(_options.RateLimit, time), writer);
        var producer = ClaimAsync(claims, work.Writer, run, cancellationToken);
        var workers = Enumerable.Range(0, Math.Max(1, _options.Concurrency)).Select(_ => SendOnOwnThread(work.Reader, outcomes.Writer, run, cancellationToken)).ToList();
        var recorder = RecordAsync(records, outcomes.Reader, run);
        try
        {
            await producer;
        }
        finally
        {
            work.Writer.TryComplete();
            await Task.WhenAll(workers).ContinueWith(_ => outcomes.Writer.TryComplete(), TaskScheduler.Default);
            await recorder;
        }
        await Task.WhenAll(workers);
        SecCommsTelemetry.Dispatched(run.Sent, run.Deferred, run.Failed);
        activity?.SetTag("seccomms.dispatch.sent", run.Sent);
        return new SendResult(run.Sent, run.Deferred, run.Failed);
    }

    /// <summary>How many deliveries wait to be sent, by any node.</summary>
    public async Task<int> WaitingAsync(CancellationToken cancellationToken)
    {
        await using var db = await ContextAsync(cancellationToken);
        return await db.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Queued || d.Status == DeliveryStatus.Deferred, cancellationToken);
    }

    /// <remarks>
    /// On SQLite, this context's commits wait for the write-ahead log only, not for the disk (<c>synchronous=NORMAL</c>):
    /// a claim or an outcome lost to a power cut makes a message go twice, never go missing; a crash of the process loses nothing.
    /// </remarks>
    private async Task<SecCommsDb> ContextAsync(CancellationToken cancellationToken)
    {
        var db = DatabaseSetup.CreateContext(database);
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL;", cancellationToken);
        }
        return db;
    }

    private async Task ClaimAsync(SecCommsDb db, ChannelWriter<Item> work, Run run, CancellationToken cancellationToken)
    {
        var rows = new DeliveryRows(db);
        var dispatches = new Dictionary<Guid, DispatchContext>();
        // Never claim more than can be sent well within the lease at the configured rate.
        var batch = _options.RateLimit > 0
            ? (int)Math.Clamp(_options.RateLimit * _options.ClaimLease.TotalSeconds / 4, 1, _options.ClaimBatch)
            : _options.ClaimBatch;
        while (!cancellationToken.IsCancellationRequested && !run.RelayDown)
        {
            var now = time.GetUtcNow();
            var until = now + _options.ClaimLease;
            List<long> ids = [];
            await run.WriteAsync(async () => ids = await rows.ClaimAsync(batch, now, until, cancellationToken), cancellationToken);
            if (ids.Count == 0)
            {
                return;
            }
            var claimed = await (from d in db.Deliveries.AsNoTracking()
                                 where ids.Contains(d.Id)
                                 join c in db.Contacts on d.ContactId equals c.Id into contacts
                                 from c in contacts.DefaultIfEmpty()
                                 orderby d.Id
                                 select new { d.Id, d.DispatchId, d.Email, d.Name, d.Organization, d.ProductVersion, d.Attempts, Unsubscribe = c == null ? null : c.UnsubscribeToken })
                .ToListAsync(cancellationToken);
            foreach (var row in claimed)
            {
                if (!dispatches.TryGetValue(row.DispatchId, out var dispatch))
                {
                    dispatches[row.DispatchId] = dispatch = await DispatchContextAsync(db, row.DispatchId, cancellationToken);
                }
                await work.WriteAsync(new Item(row.Id, dispatch, new Recipient(row.Name, row.Email, row.Organization, row.ProductVersion), row.Attempts,
                    row.Unsubscribe, until), cancellationToken);
            }
            if (ids.Count < batch)
            {
                return;
            }
        }
    }

    private static async Task<DispatchContext> DispatchContextAsync(SecCommsDb db, Guid id, CancellationToken cancellationToken)
    {
        var dispatch = await db.Dispatches.AsNoTracking().SingleAsync(d => d.Id == id, cancellationToken);
        return new DispatchContext(dispatch.Id, PersonalMessage.Prepare(dispatch.Subject, dispatch.Body, dispatch.AffectedVersions, dispatch.FixedVersions),
            dispatch.Mandatory, dispatch.Emergency, dispatch.RequiresAcknowledgement, dispatch.Secret);
    }

    /// <summary>One connection to the relay, driven from a thread of its own: see <see cref="IMailSender.OpenOnOwnThread"/>.</summary>
    private Task SendOnOwnThread(ChannelReader<Item> work, ChannelWriter<Outcome> outcomes, Run run, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => Send(work, outcomes, run, cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Send(ChannelReader<Item> work, ChannelWriter<Outcome> outcomes, Run run, CancellationToken cancellationToken)
    {
        IMailSession? session = null;
        try
        {
            while (Wait(work.WaitToReadAsync(cancellationToken)))
            {
                while (work.TryRead(out var item))
                {
                    if (time.GetUtcNow() >= item.ClaimedUntil - _options.ClaimLease / 4)
                    {
                        continue; // The lease is running out; another node may take the row, so it is left alone for it.
                    }
                    // Written even while stopping: a message the relay accepted must be recorded as sent.
                    Wait(outcomes.WriteAsync(Attempt(item, ref session, run, cancellationToken), CancellationToken.None));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            session?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private Outcome Attempt(Item item, ref IMailSession? session, Run run, CancellationToken cancellationToken)
    {
        if (run.RelayDown)
        {
            return new Outcome(item, OutcomeKind.Deferred, run.RelayError);
        }
        if (!(item.Dispatch.Emergency && _options.EmergencySkipsRateLimit))
        {
            run.Pacer.WaitAsync(cancellationToken).GetAwaiter().GetResult();
        }
        try
        {
            session ??= mail.OpenOnOwnThread(cancellationToken);
            session.SendAsync(Compose(item), cancellationToken).GetAwaiter().GetResult();
            return new Outcome(item, OutcomeKind.Sent, null);
        }
        catch (MailException e) when (e.Unreachable)
        {
            run.TripRelay(e.Message);
            return new Outcome(item, OutcomeKind.Deferred, e.Message);
        }
        catch (MailException e)
        {
            return new Outcome(item, e.Permanent ? OutcomeKind.Failed : OutcomeKind.Deferred, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not send delivery {Id}", item.Id);
            return new Outcome(item, OutcomeKind.Deferred, e.Message);
        }
    }

    private static bool Wait(ValueTask<bool> task) => task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult();

    private static void Wait(ValueTask task)
    {
        if (!task.IsCompletedSuccessfully)
        {
            task.AsTask().GetAwaiter().GetResult();
        }
    }

    private async Task RecordAsync(SecCommsDb db, ChannelReader<Outcome> outcomes, Run run)
    {
        var rows = new DeliveryRows(db);
        var batch = new List<Outcome>(_options.OutcomeBatch);
        var touched = new HashSet<Guid>();
        while (await outcomes.WaitToReadAsync())
        {
            await GatherAsync(outcomes, batch);
            await run.WriteAsync(() => FlushAsync(db, rows, batch, run), CancellationToken.None);
            touched.UnionWith(batch.Select(o => o.Item.Dispatch.Id));
            batch.Clear();
        }
        // A crash between the last outcome and its completion leaves a dispatch unfinished that no later run touches.
        touched.UnionWith(await db.Dispatches.AsNoTracking().Where(d => d.CompletedAt == null).Select(d => d.Id).ToListAsync());
        await CompleteAsync(db, rows, touched);
    }

    /// <summary>Takes the outcomes the connections have written, up to a batch, waiting a moment for more while it is not full.</summary>
    /// <remarks>
    /// Without the wait the recorder wakes for nearly every message and writes batches of one or two, a transaction each.
    /// A batch never holds more than <see cref="DistributionOptions.OutcomeBatch"/>, so the in-flight bound is unchanged,
    /// and a message's outcome is written at most <see cref="OutcomeWait"/> later. The wait is on the wall clock, as it
    /// is about the database, not about when anything is due.
    /// </remarks>
    private async Task GatherAsync(ChannelReader<Outcome> outcomes, List<Outcome> batch)
    {
        Task? waited = null;
        while (true)
        {
            while (batch.Count < _options.OutcomeBatch && outcomes.TryRead(out var outcome))
            {
                batch.Add(outcome);
            }
            if (batch.Count >= _options.OutcomeBatch)
            {
                return;
            }
            waited ??= Task.Delay(OutcomeWait, CancellationToken.None);
            var more = outcomes.WaitToReadAsync().AsTask();
            if (await Task.WhenAny(more, waited) == waited || !await more)
            {
                return;
            }
        }
    }

    private async Task FlushAsync(SecCommsDb db, DeliveryRows rows, List<Outcome> batch, Run run)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await rows.MarkSentAsync([.. batch.Where(o => o.Kind == OutcomeKind.Sent).Select(o => o.Item.Id)], now, CancellationToken.None);
        foreach (var outcome in batch.Where(o => o.Kind != OutcomeKind.Sent))
        {
            var attempts = outcome.Item.Attempts + 1;
            var giveUp = outcome.Kind == OutcomeKind.Failed || attempts >= _options.MaxAttempts;
            var next = giveUp ? now : now + _options.Backoff(attempts, Random.Shared.NextDouble());
            await rows.MarkFailedAttemptAsync(outcome.Item.Id, giveUp ? DeliveryStatus.Failed : DeliveryStatus.Deferred, next, outcome.Error ?? "", CancellationToken.None);
            if (giveUp)
            {
                logger.LogWarning("Delivery {Id} to {Email} failed after {Attempts} attempts: {Error}", outcome.Item.Id, outcome.Item.Recipient.Email, attempts, outcome.Error);
            }
        }
        await transaction.CommitAsync();
        run.Count(batch);
    }

    /// <summary>Marks finished dispatches complete and records each, with its counts, in the audit trail.</summary>
    private async Task CompleteAsync(SecCommsDb db, DeliveryRows rows, HashSet<Guid> dispatchIds)
    {
        if (dispatchIds.Count == 0)
        {
            return;
        }
        await new WriteScope(db).RunAsync(async () =>
        {
            var now = time.GetUtcNow();
            var audit = new AuditTrail(db, time);
            foreach (var id in await rows.CompleteAsync(dispatchIds, now, CancellationToken.None))
            {
                var counts = await db.Deliveries.AsNoTracking().Where(d => d.DispatchId == id).GroupBy(d => d.Status)
                    .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => KebabNames.Of<DeliveryStatus>(g.Key), g => g.Count);
                await audit.RecordAsync("dispatcher", "dispatch.completed", Dispatches.Entity(id), new { Counts = counts }, CancellationToken.None);
            }
        }, CancellationToken.None);
    }

    private OutgoingMail Compose(Item item)
    {
        var (subject, body) = item.Dispatch.Message.Render(item.Recipient);
        var headers = new List<KeyValuePair<string, string>> { new("Auto-Submitted", "auto-generated") };
        var footer = new List<string>();
        if (item.Dispatch.RequiresAcknowledgement)
        {
            _acknowledgeLink ??= site.Value.Link("/ack/");
            footer.Add($"Please confirm that you received this notice: {_acknowledgeLink}{AcknowledgementTokens.For(item.Dispatch.Secret, item.Id)}");
        }
        if (!item.Dispatch.Mandatory && item.UnsubscribeToken is { } token)
        {
            _unsubscribeLink ??= site.Value.Link("/unsubscribe/");
            var unsubscribe = _unsubscribeLink + token;
            headers.Add(new("List-Unsubscribe", $"<{unsubscribe}>"));
            headers.Add(new("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
            footer.Add($"You receive security notices because you subscribed to them. Unsubscribe: {unsubscribe}");
        }
        if (footer.Count > 0)
        {
            body = body.TrimEnd() + "\n\n-- \n" + string.Join("\n", footer) + "\n";
        }
        return new OutgoingMail($"{item.Dispatch.Id:N}.{item.Id}@{_messageIdDomain}", item.Recipient.Email, subject, body) { Headers = headers };
    }

    private sealed record DispatchContext(Guid Id, PersonalMessage Message, bool Mandatory, bool Emergency, bool RequiresAcknowledgement, string Secret);

    private sealed record Item(long Id, DispatchContext Dispatch, Recipient Recipient, int Attempts, string? UnsubscribeToken, DateTimeOffset ClaimedUntil);

    private enum OutcomeKind
    {
        Sent,
        Deferred,
        Failed,
    }

    /// <remarks>The relay's reply names the address; the report shows it beside the recipient, so it is written as "the recipient".</remarks>
    private sealed record Outcome(Item Item, OutcomeKind Kind, string? Error)
    {
        public string? Error { get; } = Error?.Replace(Item.Recipient.Email, "the recipient", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>What the workers of one run share: the pacer, whether the relay is down, the tally, and the database writer when there is one.</summary>
    private sealed class Run(Pacer pacer, SemaphoreSlim? writer)
    {
        private int _relayDown;
        public Pacer Pacer { get; } = pacer;
        public string RelayError { get; private set; } = "";
        public bool RelayDown => Volatile.Read(ref _relayDown) == 1;
        public int Sent;
        public int Deferred;
        public int Failed;

        public async Task WriteAsync(Func<Task> write, CancellationToken cancellationToken)
        {
            if (writer is null)
            {
                await write();
                return;
            }
            await writer.WaitAsync(cancellationToken);
            try
            {
                await write();
            }
            finally
            {
                writer.Release();
            }
        }

        public void TripRelay(string error)
        {
            RelayError = error;
            Volatile.Write(ref _relayDown, 1);
        }

        public void Count(List<Outcome> batch)
        {
            Sent += batch.Count(o => o.Kind == OutcomeKind.Sent);
            Deferred += batch.Count(o => o.Kind == OutcomeKind.Deferred);
            Failed += batch.Count(o => o.Kind == OutcomeKind.Failed);
        }
    }
}

/// <summary>Spaces messages evenly at a rate shared by every connection of a node; a rate of 0 does not wait.</summary>
internal sealed class Pacer(double perSecond, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly TimeSpan _interval = perSecond > 0 ? TimeSpan.FromSeconds(1 / perSecond) : TimeSpan.Zero;
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        if (_interval == TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }
        DateTimeOffset slot;
        var now = time.GetUtcNow();
        lock (_lock)
        {
            slot = _next > now ? _next : now;
            _next = slot + _interval;
        }
        return slot > now ? Task.Delay(slot - now, time, cancellationToken) : Task.CompletedTask;
    }
}
