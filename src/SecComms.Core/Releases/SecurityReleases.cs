using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecComms.Core.Advisories.Exports;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Paging;
using SecComms.Core.Policy;
using SecComms.Core.Releases.Calendar;
using SecComms.Core.Vulnerabilities;
using SecComms.Core.Workflow;

namespace SecComms.Core.Releases;

/// <summary>
/// Security releases: planned with the versions they ship and the vulnerabilities they fix, prepared (which generates
/// their communications), then published, which opens the <c>fix-released</c> gate of every communication linked to it.
/// </summary>
public sealed class SecurityReleases(
    SecCommsDb db, WriteScope writes, AuditTrail audit, SecCommsPolicy policy, CommunicationService communications, ReleaseConsistency consistency,
    WorkflowService workflow, ReleaseCalendar calendar, IOptions<SiteOptions> site, IOptions<AdvisoryPublisherOptions> publisher, TimeProvider time)
{
    public const int TitleLength = 200;
    public const int MaxVersions = 10;
    public const int MaxVulnerabilities = 100;

    public async Task<SecurityReleaseView> CreateAsync(Actor actor, NewSecurityRelease request, CancellationToken cancellationToken)
    {
        EnsureReleaseManager(actor);
        var versions = request.Versions?.Select(v => v?.Trim() ?? "").ToList() ?? [];
        var title = request.Title?.Trim() is { Length: > 0 } given ? given : EnglishList.Join(versions);
        var product = request.Product?.Trim();
        var validation = new Validation()
            .Require(!string.IsNullOrEmpty(title), "title", "title is required, such as the versions it ships, unless versions are given.")
            .MaxLength(title, TitleLength, "title")
            .PlainText(title, "title")
            .Require(request.Kind is not null, "kind", "kind is required: planned, critical or emergency.")
            .Require(product is null || product.Length > 0, "product", "product cannot be empty.")
            .MaxLength(product, VulnerabilityLimits.Product, "product")
            .PlainText(product, "product");
        CheckVersions(validation, versions);
        validation.ThrowIfInvalid();
        var id = await writes.RunAsync(async () =>
        {
            var now = time.GetUtcNow();
            var release = new SecurityRelease
            {
                Number = (await db.SecurityReleases.MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0) + 1,
                Title = title,
                Kind = request.Kind!.Value,
                Status = ReleaseStatus.Planned,
                PlannedFor = request.PlannedFor,
                Product = product,
                Versions = versions,
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
                release.Product,
                release.Versions,
            }, cancellationToken);
            return release.Id;
        }, cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>Sets which vulnerabilities the release fixes; possible until it is prepared.</summary>
    public async Task<SecurityReleaseDetails> SetVulnerabilitiesAsync(Actor actor, Guid id, ReleaseVulnerabilitiesRequest request, CancellationToken cancellationToken)
    {
        EnsureReleaseManager(actor);
        var ids = request.VulnerabilityIds?.Distinct().ToList();
        new Validation()
            .Require(ids is not null, "vulnerabilityIds", "vulnerabilityIds is required: every vulnerability the release fixes ([] for none).")
            .Require(ids is null || ids.Count <= MaxVulnerabilities, "vulnerabilityIds", $"A release fixes at most {MaxVulnerabilities} vulnerabilities.")
            .ThrowIfInvalid();
        await writes.RunAsync(async () =>
        {
            var release = await FindAsync(id, tracking: true, cancellationToken);
            if (release.Status != ReleaseStatus.Planned)
            {
                throw new ConflictException(
                    $"{release.Reference} is {AuditNames.Of(release.Status)}; what it fixes is settled once its communications are generated.");
            }
            var chosen = await db.Vulnerabilities.AsTracking().Where(v => ids!.Contains(v.Id)).ToListAsync(cancellationToken);
            var unknown = ids!.Except(chosen.Select(v => v.Id)).ToList();
            if (unknown.Count > 0)
            {
                throw ValidationException.For("vulnerabilityIds", $"No vulnerability {string.Join(", ", unknown)}.");
            }
            var elsewhere = chosen.Where(v => v.ReleaseId is not null && v.ReleaseId != id).Select(v => v.Reference).ToList();
            if (elsewhere.Count > 0)
            {
                throw new ConflictException($"{string.Join(", ", elsewhere)} already ship in another release; take them out of it first.");
            }
            var released = chosen.Where(v => v.Status is VulnerabilityStatus.Released or VulnerabilityStatus.Disclosed).Select(v => v.Reference).ToList();
            if (released.Count > 0)
            {
                throw new ConflictException($"{string.Join(", ", released)} already shipped their fix.");
            }
            var current = await db.Vulnerabilities.AsTracking().Where(v => v.ReleaseId == id).ToListAsync(cancellationToken);
            foreach (var v in current.Where(v => !ids!.Contains(v.Id)))
            {
                v.ReleaseId = null;
            }
            foreach (var v in chosen)
            {
                v.ReleaseId = id;
            }
            release.UpdatedAt = time.GetUtcNow();
            await audit.RecordAsync(actor.Email, "release.vulnerabilities-set", Entity(id),
                new { release.Reference, Vulnerabilities = chosen.OrderBy(v => v.Number).Select(v => v.Reference) }, cancellationToken);
            await communications.SettlePackagesAsync(actor, c => c.ReleaseId == id, "release", cancellationToken);
        }, cancellationToken);
        return await DetailsAsync(actor, id, cancellationToken);
    }

    /// <summary>
    /// Generates the release's communications from the policy's templates, all in one transaction: the blog post, the
    /// customer email and one advisory per vulnerability, linked to the release; a critical or emergency release's run
    /// on emergency deadlines.
    /// </summary>
    public async Task<SecurityReleaseDetails> PrepareAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        EnsureReleaseManager(actor);
        var templates = policy.Releases.Templates
            ?? throw new ConflictException("The policy in force has no release templates (releases.templates), so no communications can be generated.");
        await writes.RunAsync(async () =>
        {
            var release = await FindAsync(id, tracking: true, cancellationToken);
            if (release.Status != ReleaseStatus.Planned)
            {
                throw new ConflictException($"{release.Reference} is {AuditNames.Of(release.Status)}; only a planned release is prepared.");
            }
            var vulnerabilities = await db.Vulnerabilities.AsTracking().Where(v => v.ReleaseId == id).ToListAsync(cancellationToken);
            RequireReady(release, vulnerabilities);
            var ordered = vulnerabilities.OrderByDescending(v => v.Cvss40Score ?? v.Cvss31Score ?? 0).ThenBy(v => v.Number).ToList();
            var created = await ReleaseGeneration.GenerateAsync(actor, release, ordered, templates, policy, communications, site.Value,
                publisher.Value.Name, cancellationToken);
            var now = time.GetUtcNow();
            release.Status = ReleaseStatus.Preparing;
            release.PreparedAt = now;
            release.UpdatedAt = now;
            await audit.RecordAsync(actor.Email, "release.prepared", Entity(id), new
            {
                release.Reference,
                Communications = created.Select(c => new { c.Reference, Part = AuditNames.Of(c.ReleasePart!.Value), c.Emergency }),
                PolicyHash = policy.Hash,
            }, cancellationToken);
        }, cancellationToken);
        return await DetailsAsync(actor, id, cancellationToken);
    }

    /// <summary>
    /// Marks the release as shipped: its fixes are released, the <c>fix-released</c> gate of its communications opens, and
    /// every communication armed to ship with it is published in the same transaction.
    /// </summary>
    public async Task<SecurityReleaseView> PublishAsync(Actor actor, Guid id, PublishReleaseRequest? request, CancellationToken cancellationToken)
    {
        EnsureReleaseManager(actor);
        var leaveBehind = request?.LeaveBehind?.Select(r => r?.Trim() ?? "").ToList() ?? [];
        new Validation()
            .Require(leaveBehind.All(r => r.Length is > 0 and <= 20), "leaveBehind", "leaveBehind lists communication references such as SC-12.")
            .ThrowIfInvalid();
        await writes.RunAsync(async () =>
        {
            var release = await FindAsync(id, tracking: true, cancellationToken);
            if (release.Status == ReleaseStatus.Published)
            {
                throw new ConflictException($"{release.Reference} was already published at {Moment.Text(release.PublishedAt)}.");
            }
            var now = time.GetUtcNow();
            release.Status = ReleaseStatus.Published;
            release.PublishedAt = now;
            release.UpdatedAt = now;
            var shipped = await db.Vulnerabilities.AsTracking().Where(v => v.ReleaseId == id).ToListAsync(cancellationToken);
            foreach (var v in shipped.Where(v => v.Status is VulnerabilityStatus.Triage or VulnerabilityStatus.Fixing or VulnerabilityStatus.Fixed))
            {
                v.Status = VulnerabilityStatus.Released;
                v.ReleasedAt = now;
                v.UpdatedAt = now;
            }
            var communicationsShipped = await workflow.ShipArmedAsync(actor, release, leaveBehind, cancellationToken);
            await audit.RecordAsync(actor.Email, "release.published", Entity(release.Id), new
            {
                release.Reference,
                release.Title,
                PublishedAt = now,
                Released = shipped.OrderBy(v => v.Number).Select(v => v.Reference),
                Shipped = communicationsShipped,
            }, cancellationToken);
        }, cancellationToken);
        workflow.Shipped();
        return await GetAsync(id, cancellationToken);
    }

    public async Task<SecurityReleaseView> GetAsync(Guid id, CancellationToken cancellationToken) =>
        View(await FindAsync(id, tracking: false, cancellationToken));

    /// <summary>
    /// The release with its vulnerabilities (for the teams that may see them), the communications the actor may see with
    /// their state, and the inconsistencies in the records or in those communications.
    /// </summary>
    public async Task<SecurityReleaseDetails> DetailsAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var release = await FindAsync(id, tracking: false, cancellationToken);
        var vulnerabilities = await db.Vulnerabilities.AsNoTracking().Where(v => v.ReleaseId == id).OrderBy(v => v.Number).ToListAsync(cancellationToken);
        var linked = await communications.VisibleTo(actor).Where(c => c.ReleaseId == id).OrderBy(c => c.Number).ToListAsync(cancellationToken);
        var ids = linked.Select(c => c.Id).ToList();
        var approvals = (await db.Approvals.AsNoTracking().Where(a => ids.Contains(a.CommunicationId)).ToListAsync(cancellationToken)).ToLookup(a => a.CommunicationId);
        var answers = await db.SafeChecks.AsNoTracking().Where(s => ids.Contains(s.CommunicationId)).ToDictionaryAsync(s => s.CommunicationId, cancellationToken);
        var references = vulnerabilities.ToDictionary(v => v.Id, v => v.Reference);
        var maySee = Vulnerabilities.Vulnerabilities.MaySee(policy, actor);
        var visible = linked.Select(c => c.Reference).ToHashSet(StringComparer.Ordinal);
        var findings = (await consistency.CheckAsync(release, vulnerabilities, cancellationToken))
            .Where(f => f.Communication is null || visible.Contains(f.Communication)).ToList();
        return new SecurityReleaseDetails(
            SecurityReleaseView.From(release),
            vulnerabilities.Count,
            maySee ? [.. vulnerabilities.Select(v => new ReleaseVulnerability(v.Id, v.Reference, v.Title, v.CveId, v.Severity, v.Status, [.. v.FixedVersions]))] : [],
            [.. linked.Select(c => new ReleaseCommunication(c.Id, c.Reference, c.ReleasePart, c.Title, c.Status, c.Emergency && !c.IsOut,
                WaitingOn(c, approvals[c.Id], answers.GetValueOrDefault(c.Id)),
                maySee && c.VulnerabilityId is { } v ? references.GetValueOrDefault(v) : null, c.ShipsWithRelease))],
            [.. release.Versions.Where(ProductVersions.IsValid).Select(ProductVersions.MinorLine).Distinct()],
            policy.Releases.SupportedMinorLines,
            maySee ? findings : [.. findings.Select(f => f with { Vulnerability = null })])
        {
            Armed = [.. (await workflow.ArmedAsync(id, cancellationToken)).Where(a => visible.Contains(a.Reference))],
        };
    }

    /// <summary>Every release, the most recent first.</summary>
    public async Task<Page<SecurityReleaseView>> ListAsync(ReleaseFilter filter, CancellationToken cancellationToken)
    {
        var before = NumberCursor.Parse(filter.Cursor);
        var number = ReferenceNumber.Parse(filter.Reference, "SR");
        new Validation().MaxLength(filter.Search, 200, "q").PlainText(filter.Search, "q").RequireLimit(filter.Limit).ThrowIfInvalid();
        var query = db.SecurityReleases.AsNoTracking();
        if (number is { } only)
        {
            query = query.Where(r => r.Number == only);
        }
        if (before is { } below)
        {
            query = query.Where(r => r.Number < below);
        }
        if (filter.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }
        if (filter.Kind is { } kind)
        {
            query = query.Where(r => r.Kind == kind);
        }
        if (filter.Search?.Trim() is { Length: > 0 } search)
        {
            var pattern = SearchPattern.Containing(search);
            query = query.Where(r => EF.Functions.Like(r.Title.ToLower(), pattern, SearchPattern.Escape)
                || (r.Product != null && EF.Functions.Like(r.Product.ToLower(), pattern, SearchPattern.Escape)));
        }
        var fetched = await query.OrderByDescending(r => r.Number).Take(filter.Limit + 1).ToListAsync(cancellationToken);
        return NumberCursor.PageOf(fetched, filter.Limit, r => r.Number, View);
    }

    /// <summary>
    /// The next <paramref name="count"/> releases of the calendar, each with the releases not yet published that are
    /// planned for its day, and as days of their own those planned from today for a day the calendar does not give; by day.
    /// </summary>
    public async Task<IReadOnlyList<PlannedDay>> PlannedCalendarAsync(int count, CancellationToken cancellationToken)
    {
        var entries = calendar.Next(count).Entries;
        var today = ReleaseCalendar.UtcDay(time.GetUtcNow());
        var until = entries.Count == 0 ? today : ReleaseCalendar.UtcDay(entries[^1].At);
        var start = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(until.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var planned = (await db.SecurityReleases.AsNoTracking().Where(r => r.Status != ReleaseStatus.Published && r.PlannedFor != null)
                .ToListAsync(cancellationToken))
            .Where(r => r.PlannedFor >= start && r.PlannedFor < end).OrderBy(r => r.PlannedFor).ThenBy(r => r.Number).Select(View).ToList();
        DateOnly DayOf(SecurityReleaseView r) => r.PlannedFor is { } at ? ReleaseCalendar.UtcDay(at) : default;
        var days = entries.Select(e => new PlannedDay(ReleaseCalendar.UtcDay(e.At), e,
            e.Kind == CalendarEntryKind.Security ? [.. planned.Where(r => DayOf(r) == ReleaseCalendar.UtcDay(e.At))] : [])).ToList();
        var placed = days.SelectMany(d => d.Planned).Select(r => r.Id).ToHashSet();
        days.AddRange(planned.Where(r => !placed.Contains(r.Id)).GroupBy(DayOf).Select(g => new PlannedDay(g.Key, null, [.. g])));
        return [.. days.OrderBy(d => d.Date).ThenBy(d => d.Entry is null)];
    }

    /// <remarks>Once published, a release's plan no longer matters: it warns only before.</remarks>
    private SecurityReleaseView View(SecurityRelease release) => SecurityReleaseView.From(release) with
    {
        CalendarWarning = release.Status == ReleaseStatus.Published ? null : calendar.OffCalendarWarning(release.Kind, release.PlannedFor),
    };

    /// <summary>For each release, how many vulnerabilities it fixes and how many of its communications the actor may see.</summary>
    /// <summary>How many vulnerabilities each of <paramref name="releaseIds"/> fixes, and how many of its communications the actor sees.</summary>
    public async Task<IReadOnlyDictionary<Guid, ReleaseCounts>> CountsAsync(Actor actor, IReadOnlyCollection<Guid> releaseIds, CancellationToken cancellationToken)
    {
        var fixes = await db.Vulnerabilities.AsNoTracking().Where(v => v.ReleaseId != null && releaseIds.Contains(v.ReleaseId.Value))
            .GroupBy(v => v.ReleaseId!.Value).Select(g => new { Release = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Release, g => g.Count, cancellationToken);
        var linked = await communications.VisibleTo(actor).Where(c => c.ReleaseId != null && releaseIds.Contains(c.ReleaseId.Value))
            .GroupBy(c => c.ReleaseId!.Value).Select(g => new { Release = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Release, g => g.Count, cancellationToken);
        return releaseIds.ToDictionary(id => id, id => new ReleaseCounts(fixes.GetValueOrDefault(id), linked.GetValueOrDefault(id)));
    }

    public static string Entity(Guid id) => $"release:{id}";

    private string? WaitingOn(Communication communication, IEnumerable<Approval> approvals, SafeCheck? answers) =>
        communication.Status == CommunicationStatus.InReview && policy.FindCategory(communication.Category) is { } category
            ? ApprovalProgress.Waiting(ApprovalProgress.Evaluate(category, policy.Safe, communication, answers, approvals))?.Stage.Team
            : null;

    private static void RequireReady(SecurityRelease release, List<Vulnerability> vulnerabilities)
    {
        var problems = new List<ReleaseProblem>();
        if (release.Versions.Count == 0)
        {
            problems.Add(new(null, "versions", $"{release.Reference} names no versions; set the versions it ships."));
        }
        if (vulnerabilities.Count == 0)
        {
            problems.Add(new(null, "vulnerabilityIds", $"{release.Reference} fixes no vulnerabilities; add the ones it ships."));
        }
        var findings = ReleaseConsistency.RecordFindings(release, vulnerabilities).ToLookup(f => f.Vulnerability);
        foreach (var v in vulnerabilities.OrderBy(v => v.Number))
        {
            if (v.Status != VulnerabilityStatus.Fixed)
            {
                problems.Add(new(v.Reference, "status", $"{v.Reference} is {AuditNames.Of(v.Status)}, not fixed."));
            }
            problems.AddRange(findings[v.Reference].Select(f => new ReleaseProblem(v.Reference, f.Field ?? "affected", f.Message)));
        }
        if (problems.Count > 0)
        {
            throw new ConflictException($"{release.Reference} cannot be prepared: {string.Join(" ", problems.Select(p => p.Reason))}", [.. problems]);
        }
    }

    private static void CheckVersions(Validation validation, List<string> versions)
    {
        validation.Require(versions.Count <= MaxVersions, "versions", $"versions may list at most {MaxVersions} versions.");
        for (var i = 0; i < versions.Count; i++)
        {
            validation.Require(ProductVersions.IsValid(versions[i]), $"versions[{i}]", $"versions[{i}] '{versions[i]}' is not a version: {ProductVersions.Format}.");
        }
        var lines = versions.Where(ProductVersions.IsValid).GroupBy(ProductVersions.MinorLine).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        validation.Require(lines.Count == 0, "versions", $"versions names the line {string.Join(", ", lines)} more than once; a release ships one version per minor line.");
    }

    private async Task<SecurityRelease> FindAsync(Guid id, bool tracking, CancellationToken cancellationToken) =>
        await (tracking ? db.SecurityReleases.AsTracking() : db.SecurityReleases.AsNoTracking()).FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException($"No security release {id}.");

    private void EnsureReleaseManager(Actor actor)
    {
        if (!Vulnerabilities.Vulnerabilities.MayManage(policy, actor))
        {
            throw new ForbiddenException($"Only members of the {string.Join(" or ", policy.Releases.VulnerabilityTeams)} teams manage security releases.");
        }
    }
}
