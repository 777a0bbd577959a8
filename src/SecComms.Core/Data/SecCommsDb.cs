using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Distribution;
using SecComms.Core.Exceptions;
using SecComms.Core.Identity;
using SecComms.Core.Incidents;
using SecComms.Core.Notifications;
using SecComms.Core.Policy;
using SecComms.Core.Releases;
using SecComms.Core.Vulnerabilities;
using SecComms.Core.Workflow;

namespace SecComms.Core.Data;

/// <remarks>
/// Also keeps the keys that protect session cookies and form tokens, so that every web node on the same database
/// accepts what another issued.
/// </remarks>
public sealed class SecCommsDb(DbContextOptions<SecCommsDb> options) : DbContext(options), IDataProtectionKeyContext
{
    private readonly List<string> _savedAuditActions = [];

    /// <summary>The audit event last appended in a transaction, for <see cref="AuditTrail"/> to link the next one to.</summary>
    internal (IDbContextTransaction Transaction, AuditEvent Event)? Appended { get; set; }

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<User> Users => Set<User>();
    public DbSet<TeamMembership> TeamMemberships => Set<TeamMembership>();
    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<PasswordLink> PasswordLinks => Set<PasswordLink>();
    public DbSet<Communication> Communications => Set<Communication>();
    public DbSet<Revision> Revisions => Set<Revision>();
    public DbSet<Participant> Participants => Set<Participant>();
    public DbSet<Approval> Approvals => Set<Approval>();
    public DbSet<SafeCheck> SafeChecks => Set<SafeCheck>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<PolicyVersion> PolicyVersions => Set<PolicyVersion>();
    public DbSet<SecurityRelease> SecurityReleases => Set<SecurityRelease>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();
    public DbSet<Engagement> Engagements => Set<Engagement>();
    public DbSet<IncidentClock> IncidentClocks => Set<IncidentClock>();
    public DbSet<NoPublicNotificationDecision> NoPublicNotificationDecisions => Set<NoPublicNotificationDecision>();
    public DbSet<Vulnerability> Vulnerabilities => Set<Vulnerability>();
    public DbSet<PolicyExceptionEntry> PolicyExceptions => Set<PolicyExceptionEntry>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationCursor> NotificationCursors => Set<NotificationCursor>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Segment> Segments => Set<Segment>();
    public DbSet<Dispatch> Dispatches => Set<Dispatch>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<Webhook> Webhooks => Set<Webhook>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SecCommsDb).Assembly);

    /// <remarks>SQLite cannot compare or order DateTimeOffset text, so there instants are stored as sortable integers.</remarks>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    /// <remarks>Revisions, approvals and audit events are written once; this refuses any code path that would change them.</remarks>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        if (detecting)
        {
            ChangeTracker.DetectChanges();
        }
        // Changes were detected once above; the reads below and the save itself need not scan every entity again.
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var rewritten = ChangeTracker.Entries()
                .Where(e => e.Entity is Revision or AuditEvent or Approval && e.State is EntityState.Modified or EntityState.Deleted)
                .Select(e => e.Entity.GetType().Name)
                .FirstOrDefault();
            if (rewritten is not null)
            {
                throw new InvalidOperationException($"A {rewritten} is immutable once written.");
            }
            var recorded = Added<AuditEvent>().Select(e => e.Action).ToList();
            Saves++;
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            _savedAuditActions.AddRange(recorded);
            return saved;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    /// <summary>The entities of <typeparamref name="T"/> added through their set and not yet saved.</summary>
    /// <remarks>An entity added through its set is tracked as added at once, so finding it needs no scan of every tracked entity for changes.</remarks>
    internal List<T> Added<T>()
        where T : class =>
        TrackedAsIs(tracker => tracker.Entries<T>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList());

    /// <summary>
    /// Reads the change tracker without detecting changes again: each detection compares every tracked entity, so a
    /// long unit of work (a seeding batch) that detects at every step slows down with all it has tracked.
    /// </summary>
    private TResult TrackedAsIs<TResult>(Func<Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker, TResult> read)
    {
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return read(ChangeTracker);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    /// <summary>How many times this context has saved, so what was read before a save is known to be older.</summary>
    internal int Saves { get; private set; }

    /// <summary>The actions of the audit events saved since the last call: what a transaction recorded, told once it commits.</summary>
    internal IReadOnlyList<string> TakeSavedAuditActions()
    {
        var taken = _savedAuditActions.ToArray();
        _savedAuditActions.Clear();
        return taken;
    }
}
