using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Paging;
using SecComms.Core.Policy;
using SecComms.Core.Releases;
using SecComms.Core.Workflow;

namespace SecComms.Core.Communications;

/// <summary>Creates communications from templates, revises them, and reads them as the actor may see them.</summary>
public sealed class CommunicationService(
    SecCommsDb db, WriteScope writes, AuditTrail audit, SecCommsPolicy policy, CommunicationPermissions permissions, DisclosurePackage package,
    CommunicationReads reads, TeamStaffing staffing, TimeProvider time)
{
    public async Task<CommunicationView> CreateAsync(Actor actor, NewCommunication request, CancellationToken cancellationToken)
    {
        EnsureCanWrite(actor);
        var category = policy.FindCategory(request.Category)
            ?? throw ValidationException.For("category", request.Category is null
                ? $"category is required; one of: {string.Join(", ", policy.Categories.Keys)}."
                : UnknownCategory(request.Category));
        var title = request.Title?.Trim() ?? request.Content?.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            throw ValidationException.For("title", "title is required.");
        }
        var content = Merge(CommunicationTemplates.Render(category, title),
            (request.Content ?? new ContentInput(null, null, null, null, null)) with { Title = title });
        var participants = await ResolveParticipantsAsync(request.Participants ?? [], cancellationToken);

        var id = await writes.RunAsync(async () =>
        {
            var communication = await AddAsync(actor, category, content, new NewCommunicationFacts(
                request.Confidential ?? category.ConfidentialByDefault, request.CustomersAffected ?? false, participants), cancellationToken);
            return communication.Id;
        }, cancellationToken);
        return await GetAsync(actor, id, cancellationToken);
    }

    /// <summary>
    /// Adds a communication at revision 1 with its audit event, inside the caller's write scope, so that several can be
    /// created in one transaction.
    /// </summary>
    internal async Task<Communication> AddAsync(Actor actor, Category category, CommunicationContent content, NewCommunicationFacts facts,
        CancellationToken cancellationToken, Action<Communication>? link = null)
    {
        var now = time.GetUtcNow();
        var pending = db.Added<Communication>().Select(c => (int?)c.Number).Max();
        var number = Math.Max(pending ?? 0, await db.Communications.MaxAsync(c => (int?)c.Number, cancellationToken) ?? 0) + 1;
        var hash = content.Hash();
        var communication = new Communication
        {
            Number = number,
            Category = category.Key,
            Title = content.Title,
            IsConfidential = facts.Confidential,
            CreatedById = actor.UserId,
            CreatedAt = now,
            UpdatedAt = now,
            CurrentRevision = 1,
            CurrentContentHash = hash,
            CustomersAffected = facts.CustomersAffected,
            Participants = [.. facts.Participants.Append(actor.UserId).Distinct().Select(u => new Participant { UserId = u })],
        };
        link?.Invoke(communication);
        communication.PackageHash = await package.HashAsync(communication, cancellationToken);
        db.Communications.Add(communication);
        db.Revisions.Add(NewRevision(communication.Id, 1, content, hash, actor, now, facts.Note ?? "Created from the template."));
        await audit.RecordAsync(actor.Email, "communication.created", Entity(communication.Id), new
        {
            communication.Reference,
            communication.Category,
            communication.Title,
            Confidential = communication.IsConfidential,
            communication.CustomersAffected,
            Revision = 1,
            ContentHash = hash,
            communication.ReleaseId,
            ReleasePart = communication.ReleasePart is { } part ? AuditNames.Of(part) : null,
            communication.VulnerabilityId,
        }, cancellationToken);
        return communication;
    }

    /// <param name="actor">Who edits.</param>
    /// <param name="id">The communication.</param>
    /// <param name="expectedRevision">The revision the edit was made on; null to replace whatever is current.</param>
    /// <param name="input">The variants to change; null ones are kept.</param>
    /// <param name="note">Why it changed.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<CommunicationView> ReviseAsync(Actor actor, Guid id, int? expectedRevision, ContentInput input, string? note, CancellationToken cancellationToken)
    {
        EnsureCanWrite(actor);
        new Validation().MaxLength(note, ContentLimits.Note, "note").PlainText(note, "note").ThrowIfInvalid();
        // Checked and merged before the writer lock, then again inside it only if another revision landed in between.
        var edit = await EditAsync(actor, await FindVisibleAsync(actor, id, tracking: false, cancellationToken), expectedRevision, input, cancellationToken);
        if (edit.Hash != edit.Base.ContentHash)
        {
            await writes.RunAsync(async () =>
            {
                var communication = await FindVisibleAsync(actor, id, tracking: true, cancellationToken);
                if (communication.CurrentRevision != edit.Base.Number)
                {
                    edit = await EditAsync(actor, communication, expectedRevision, input, cancellationToken);
                }
                RequireEditable(communication, expectedRevision);
                if (edit.Hash == communication.CurrentContentHash)
                {
                    return;
                }
                var now = time.GetUtcNow();
                var number = communication.CurrentRevision + 1;
                var reset = await CountingApprovalsAsync(communication, cancellationToken);
                db.Revisions.Add(NewRevision(id, number, edit.Content, edit.Hash, actor, now, string.IsNullOrWhiteSpace(note) ? null : note.Trim()));
                communication.CurrentRevision = number;
                communication.CurrentContentHash = edit.Hash;
                communication.PackageHash = await package.HashAsync(communication, cancellationToken);
                communication.Title = edit.Content.Title;
                communication.UpdatedAt = now;
                await audit.RecordAsync(actor.Email, "communication.revised", Entity(id), new
                {
                    Revision = number,
                    ContentHash = edit.Hash,
                    PreviousContentHash = edit.Base.ContentHash,
                }, cancellationToken);
                await ResetApprovalsAsync(actor, communication, reset, "text", cancellationToken);
            }, cancellationToken);
        }
        return await GetAsync(actor, id, cancellationToken);
    }

    private sealed record Edit(Revision Base, CommunicationContent Content, string Hash);

    /// <summary>The edit applied to the communication's current revision, once it is known that the actor may make it.</summary>
    private async Task<Edit> EditAsync(Actor actor, Communication communication, int? expectedRevision, ContentInput input, CancellationToken cancellationToken)
    {
        RequireEditable(communication, expectedRevision);
        var current = await db.Revisions.AsNoTracking()
            .SingleAsync(r => r.CommunicationId == communication.Id && r.Number == communication.CurrentRevision, cancellationToken);
        var content = Merge(current.Content, input);
        return new Edit(current, content, content.Hash());
    }

    private static void RequireEditable(Communication communication, int? expectedRevision)
    {
        if (communication.Status is CommunicationStatus.Published or CommunicationStatus.Withdrawn or CommunicationStatus.NoPublicNotification)
        {
            throw new ConflictException(
                $"A {Describe(communication.Status)} communication is final and can no longer be edited; {communication.Reference} is {Describe(communication.Status)}.");
        }
        if (expectedRevision is not null && communication.CurrentRevision != expectedRevision)
        {
            throw new StaleRevisionException(
                $"You edited revision {expectedRevision}, but {communication.Reference} is now at revision {communication.CurrentRevision}. Reload it and apply your change again.");
        }
    }

    public async Task<CommunicationView> GetAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var communication = await FindVisibleAsync(actor, id, tracking: false, cancellationToken);
        var revision = await reads.CurrentRevisionAsync(communication, cancellationToken);
        var people = await reads.NamedByAsync(communication, cancellationToken);
        return new CommunicationView(
            communication.Id,
            communication.Reference,
            communication.Category,
            communication.Title,
            communication.Status,
            communication.IsConfidential,
            communication.CustomersAffected,
            communication.ScheduledAt,
            communication.PublishedAt,
            communication.PublishedRevision,
            communication.StatusReason,
            people[communication.CreatedById],
            [.. communication.Participants.Select(p => people[p.UserId]).OrderBy(p => p.Name, StringComparer.Ordinal)],
            communication.CreatedAt,
            communication.UpdatedAt,
            View(revision, people),
            await package.HashAsync(communication, cancellationToken),
            permissions.Allowed(actor, communication))
        {
            ShipsWithRelease = communication.ShipsWithRelease,
        };
    }

    public async Task<CommunicationPage> ListAsync(Actor actor, CommunicationFilter filter, CancellationToken cancellationToken)
    {
        var before = NumberCursor.Parse(filter.Cursor);
        var number = ReferenceNumber.Parse(filter.Reference, "SC");
        new Validation()
            .RequireLimit(filter.Limit)
            .Require(filter.Category is null || policy.Categories.ContainsKey(filter.Category), "category",
                UnknownCategory(filter.Category))
            .MaxLength(filter.Search, 200, "q")
            .PlainText(filter.Search, "q")
            .ThrowIfInvalid();

        var query = VisibleTo(actor);
        if (filter.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }
        if (filter.Category is { } category)
        {
            query = query.Where(c => c.Category == category);
        }
        if (filter.Confidential is { } confidential)
        {
            query = query.Where(c => c.IsConfidential == confidential);
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = "%" + LikeEscape(filter.Search.Trim().ToLowerInvariant()) + "%";
            query = query.Where(c => EF.Functions.Like(c.Title.ToLower(), pattern, "\\"));
        }
        if (filter.CreatedByMe)
        {
            query = query.Where(c => c.CreatedById == actor.UserId);
        }
        if (number is { } only)
        {
            query = query.Where(c => c.Number == only);
        }
        if (before is { } below)
        {
            query = query.Where(c => c.Number < below);
        }
        if (filter.WaitingOnMe)
        {
            query = query.Where(c => c.Status == CommunicationStatus.InReview);
        }
        var page = filter.WaitingOnMe
            ? await WaitingPageAsync(actor, query, filter.Limit + 1, cancellationToken)
            : await query.OrderByDescending(c => c.Number).Take(filter.Limit + 1).ToListAsync(cancellationToken);
        var found = NumberCursor.PageOf(page, filter.Limit, c => c.Number, CommunicationSummary.From);
        return new CommunicationPage(found.Items, found.NextCursor);
    }

    public async Task<IReadOnlyList<RevisionSummary>> RevisionsAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        await FindVisibleAsync(actor, id, tracking: false, cancellationToken);
        var revisions = await reads.RevisionsAsync(id, cancellationToken);
        var people = await PeopleAsync(revisions.Select(r => r.AuthorId), cancellationToken);
        return [.. revisions.Select(r => new RevisionSummary(r.Number, r.ContentHash, people[r.AuthorId], r.CreatedAt, r.Note))];
    }

    public async Task<RevisionView> RevisionAsync(Actor actor, Guid id, int number, CancellationToken cancellationToken)
    {
        await FindVisibleAsync(actor, id, tracking: false, cancellationToken);
        var revision = await FindRevisionAsync(id, number, cancellationToken);
        var people = await PeopleAsync([revision.AuthorId], cancellationToken);
        return View(revision, people);
    }

    /// <summary>Compares revision <paramref name="to"/> with <paramref name="from"/> (by default the one before it).</summary>
    public async Task<RevisionDiff> DiffAsync(Actor actor, Guid id, int to, int? from, CancellationToken cancellationToken)
    {
        await FindVisibleAsync(actor, id, tracking: false, cancellationToken);
        var newer = await FindRevisionAsync(id, to, cancellationToken);
        var fromNumber = from ?? to - 1;
        var older = fromNumber == 0 ? null : await FindRevisionAsync(id, fromNumber, cancellationToken);
        var before = older?.Content ?? new CommunicationContent("", "", "", "", "");
        var after = newer.Content;
        VariantDiff Variant(string name, string a, string b) => new(name, a != b, a == b ? [] : LineDiff.Compare(a, b));
        return new RevisionDiff(fromNumber, to, older?.ContentHash ?? "", newer.ContentHash,
        [
            Variant("title", before.Title, after.Title),
            Variant("body", before.Body, after.Body),
            Variant("emailSubject", before.EmailSubject, after.EmailSubject),
            Variant("emailBody", before.EmailBody, after.EmailBody),
            Variant("shortText", before.ShortText, after.ShortText),
            Variant("supportFaq", before.SupportFaq, after.SupportFaq),
        ]);
    }

    /// <summary>Which of <paramref name="ids"/> the actor wrote a revision of; no one approves a text they wrote.</summary>
    internal async Task<HashSet<Guid>> WrittenByAsync(Actor actor, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        [.. await db.Revisions.AsNoTracking().Where(r => ids.Contains(r.CommunicationId) && r.AuthorId == actor.UserId)
            .Select(r => r.CommunicationId).Distinct().ToListAsync(cancellationToken)];

    /// <summary>
    /// The first <paramref name="wanted"/> of <paramref name="inReview"/>, newest first, that wait on the actor, read a chunk
    /// at a time: a page costs a chunk or two however long the review backlog is, unless little of it waits on the actor.
    /// </summary>
    private async Task<List<Communication>> WaitingPageAsync(Actor actor, IQueryable<Communication> inReview, int wanted, CancellationToken cancellationToken)
    {
        const int Chunk = 100;
        var found = new List<Communication>();
        int? below = null;
        while (found.Count < wanted)
        {
            var chunk = await (below is { } number ? inReview.Where(c => c.Number < number) : inReview)
                .OrderByDescending(c => c.Number).Take(Chunk).ToListAsync(cancellationToken);
            found.AddRange(await WaitingOnAsync(actor, chunk, cancellationToken));
            if (chunk.Count < Chunk)
            {
                break;
            }
            below = chunk[^1].Number;
        }
        return [.. found.Take(wanted)];
    }

    /// <summary>
    /// The in-review communications whose next open stage is one of the actor's teams, or one of its backup teams once
    /// they are engaged, and that the actor did not write: no one is asked to approve their own text.
    /// </summary>
    internal async Task<IEnumerable<Communication>> WaitingOnAsync(Actor actor, List<Communication> inReview, CancellationToken cancellationToken)
    {
        var waiting = await WaitingStagesAsync(inReview, cancellationToken);
        var written = await WrittenByAsync(actor, [.. waiting.Keys], cancellationToken);
        return inReview.Where(c => waiting.TryGetValue(c.Id, out var stage) && !written.Contains(c.Id)
            && (actor.IsInTeam(stage.Stage.Stage.Team) || (stage.BackupsEngaged && stage.Stage.Stage.Backup.Any(actor.IsInTeam))));
    }

    /// <summary>The stage each in-review communication waits on, and whether its backup teams are engaged.</summary>
    internal async Task<Dictionary<Guid, (StageProgress Stage, bool BackupsEngaged)>> WaitingStagesAsync(List<Communication> inReview,
        CancellationToken cancellationToken)
    {
        var ids = inReview.Select(c => c.Id).ToList();
        var approvals = (await db.Approvals.AsNoTracking().Where(a => ids.Contains(a.CommunicationId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.CommunicationId);
        var answers = await db.SafeChecks.AsNoTracking().Where(s => ids.Contains(s.CommunicationId)).ToDictionaryAsync(s => s.CommunicationId, cancellationToken);
        var now = time.GetUtcNow();
        var found = new List<(Communication Communication, StageProgress Stage, StageDeadline? Deadline)>();
        foreach (var c in inReview)
        {
            if (policy.FindCategory(c.Category) is not { } category)
            {
                continue;
            }
            var stages = ApprovalProgress.Evaluate(category, policy.Safe, c, answers.GetValueOrDefault(c.Id), approvals[c.Id]);
            if (ApprovalProgress.Waiting(stages) is { } stage)
            {
                found.Add((c, stage, StageDeadline.Of(c, category, stages)));
            }
        }
        var unstaffed = await staffing.UnstaffedAsync(found.Where(f => f.Stage.Stage.Backup.Count > 0).Select(f => f.Stage.Stage.Team), cancellationToken);
        return found.ToDictionary(f => f.Communication.Id,
            f => (f.Stage, f.Deadline?.BackupsEngaged(f.Communication, f.Stage.Stage, now, unstaffed.Contains(f.Stage.Stage.Team)) == true));
    }

    internal async Task<List<Approval>> CountingApprovalsAsync(Communication communication, CancellationToken cancellationToken) =>
        [.. (await db.Approvals.AsNoTracking()
            .Where(a => a.CommunicationId == communication.Id && a.Round == communication.ReviewRound)
            .ToListAsync(cancellationToken)).Where(a => a.CountsFor(communication))];

    /// <summary>
    /// Records the disclosure package after a change to one of its parts (<paramref name="change"/>: links, audience,
    /// segment, release). Approvals of the package before stop counting, and the communication returns to review with its
    /// approvers told, exactly as after an edit of its text. Inside the caller's write scope.
    /// </summary>
    /// <param name="actor">Who changed it.</param>
    /// <param name="communication">The communication, tracked.</param>
    /// <param name="change">What changed, as the audit event and the approvers' message name it.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <param name="hash">The package hash as it now stands, when the caller computed it already.</param>
    internal async Task SettlePackageAsync(Actor actor, Communication communication, string change, CancellationToken cancellationToken,
        string? hash = null)
    {
        hash ??= await package.HashAsync(communication, cancellationToken);
        if (hash == communication.PackageHash)
        {
            return;
        }
        var reset = await CountingApprovalsAsync(communication, cancellationToken);
        communication.PackageHash = hash;
        communication.UpdatedAt = time.GetUtcNow();
        if (reset.Count > 0 || communication.Status is CommunicationStatus.Approved or CommunicationStatus.Scheduled)
        {
            await ResetApprovalsAsync(actor, communication, reset, change, cancellationToken);
        }
    }

    /// <summary>
    /// Settles the package of every communication not yet out that <paramref name="which"/> selects, after a change to
    /// something they disclose (a segment's definition, a release's vulnerabilities). Saves the caller's changes first,
    /// so the packages are read as they now stand.
    /// </summary>
    internal async Task SettlePackagesAsync(Actor actor, Expression<Func<Communication, bool>> which, string change,
        CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        var affected = await db.Communications.AsTracking().Where(which)
            .Where(c => c.Status == CommunicationStatus.Draft || c.Status == CommunicationStatus.InReview
                || c.Status == CommunicationStatus.Approved || c.Status == CommunicationStatus.Scheduled)
            .OrderBy(c => c.Number).ToListAsync(cancellationToken);
        foreach (var communication in affected)
        {
            await SettlePackageAsync(actor, communication, change, cancellationToken);
        }
    }

    /// <summary>The package hash approvers are shown and decide on: the communication as it stands now.</summary>
    internal Task<string> PackageHashAsync(Communication communication, CancellationToken cancellationToken) =>
        package.HashAsync(communication, cancellationToken);

    /// <remarks>
    /// Approvals bind to the package hash, so after a change they simply stop counting; this returns the communication to
    /// review and records, for the approvers, whose approvals no longer hold and what changed.
    /// </remarks>
    private async Task ResetApprovalsAsync(Actor actor, Communication communication, List<Approval> reset, string change, CancellationToken cancellationToken)
    {
        var people = await PeopleAsync(reset.Select(a => a.ApproverId), cancellationToken);
        var approvers = reset.Select(a => new ResetApproval(people[a.ApproverId].Email, a.Team, a.Stage, a.RevisionNumber, a.ContentHash, a.PackageHash)).ToList();
        if (communication.ResetApprovals(change, approvers) is { } recorded)
        {
            await audit.RecordAsync(actor.Email, communication, recorded, policy.Hash, cancellationToken);
        }
    }

    internal static string Describe(CommunicationStatus status) => status switch
    {
        CommunicationStatus.InReview => "in review",
        CommunicationStatus.NoPublicNotification => "closed with no public notification",
        _ => status.ToString().ToLowerInvariant(),
    };

    private string UnknownCategory(string? key) => $"Unknown category '{key}'; one of: {string.Join(", ", policy.Categories.Keys)}.";

    private static RevisionView View(Revision revision, Dictionary<Guid, PersonView> people) =>
        new(revision.Number, revision.ContentHash, people[revision.AuthorId], revision.CreatedAt, revision.Note, revision.Content);

    /// <summary>The communications <paramref name="actor"/> may see, by <see cref="ReadableBy"/>.</summary>
    internal IQueryable<Communication> VisibleTo(Actor actor) =>
        db.Communications.AsNoTracking().Where(ReadableBy(ReaderOf(actor), PublishedReleases()));

    private Reader ReaderOf(Actor actor) =>
        new(actor.UserId, actor.IsInTeam(Actor.SecurityTeam), Vulnerabilities.Vulnerabilities.MaySee(policy, actor));

    /// <summary>Which of <paramref name="userIds"/> may read <paramref name="communication"/>, by the rule <see cref="VisibleTo"/> applies.</summary>
    /// <remarks>Whoever is sent a communication's text or told of it is chosen through this, so no one hears of one they would get a 404 on.</remarks>
    public async Task<IReadOnlySet<Guid>> ReadersAmongAsync(Communication communication, IEnumerable<Guid> userIds, CancellationToken cancellationToken)
    {
        var wanted = userIds.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new HashSet<Guid>();
        }
        var vulnerabilityTeams = policy.Releases.VulnerabilityTeams.ToList();
        var people = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id))
            .Select(u => new Reader(u.Id, u.Teams.Any(t => t.Team == Actor.SecurityTeam), u.Teams.Any(t => vulnerabilityTeams.Contains(t.Team))))
            .ToListAsync(cancellationToken);
        // Read again with its participants: the caller's copy may have been loaded without them.
        var stored = await db.Communications.AsNoTracking().Include(c => c.Participants).SingleAsync(c => c.Id == communication.Id, cancellationToken);
        var published = (await PublishedReleases().Where(r => r == stored.ReleaseId).ToListAsync(cancellationToken)).AsQueryable();
        return people.Where(p => ReadableBy(p, published).Compile()(stored)).Select(p => p.UserId).ToHashSet();
    }

    /// <summary>
    /// The one rule of who may read a communication: the security team reads every one; anyone else those naming them as
    /// participants, and of the rest those not confidential, except that the communications generated for a security
    /// release stay with the vulnerability teams until the release is published (the fix ships), since they describe
    /// its vulnerabilities.
    /// </summary>
    /// <param name="reader">Who reads.</param>
    /// <param name="publishedReleases">The ids of the published releases: a query of them, or the ones the caller loaded.</param>
    private static Expression<Func<Communication, bool>> ReadableBy(Reader reader, IQueryable<Guid> publishedReleases)
    {
        var userId = reader.UserId;
        if (reader.InSecurityTeam)
        {
            return c => true;
        }
        if (reader.InVulnerabilityTeam)
        {
            return c => !c.IsConfidential || c.Participants.Any(p => p.UserId == userId);
        }
        return c => c.Participants.Any(p => p.UserId == userId)
            || (!c.IsConfidential && (c.ReleasePart == null || publishedReleases.Any(r => r == c.ReleaseId)));
    }

    private IQueryable<Guid> PublishedReleases() =>
        db.SecurityReleases.AsNoTracking().Where(r => r.Status == ReleaseStatus.Published).Select(r => r.Id);

    private sealed record Reader(Guid UserId, bool InSecurityTeam, bool InVulnerabilityTeam);

    /// <remarks>
    /// A confidential communication the actor may not see is reported exactly like one that does not exist. Read without
    /// tracking, it is read once per request with the records it links to (<see cref="CommunicationReads"/>).
    /// </remarks>
    internal async Task<Communication> FindVisibleAsync(Actor actor, Guid id, bool tracking, CancellationToken cancellationToken)
    {
        if (!tracking && reads.Keeps)
        {
            return reads.Visible(ReaderOf(actor), id) ?? await FindVisibleWithLinksAsync(actor, id, cancellationToken);
        }
        var query = VisibleTo(actor).Include(c => c.Participants);
        return await (tracking ? query.AsTracking() : query).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException($"There is no communication {id}.");
    }

    private async Task<Communication> FindVisibleWithLinksAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var found = await (from c in VisibleTo(actor).Where(c => c.Id == id)
                           join r in db.SecurityReleases on c.ReleaseId equals (Guid?)r.Id into releases
                           from r in releases.DefaultIfEmpty()
                           join i in db.Incidents on c.IncidentId equals (Guid?)i.Id into incidents
                           from i in incidents.DefaultIfEmpty()
                           join s in db.Segments on c.AudienceSegmentId equals (Guid?)s.Id into segments
                           from s in segments.DefaultIfEmpty()
                           join a in db.SafeChecks on c.Id equals a.CommunicationId into answers
                           from a in answers.DefaultIfEmpty()
                           join e in db.PolicyExceptions on c.GateExceptionId equals (Guid?)e.Id into exceptions
                           from e in exceptions.DefaultIfEmpty()
                           select new
                           {
                               Communication = c,
                               Participants = c.Participants.ToList(),
                               Release = r,
                               Incident = i,
                               Segment = s,
                               Answers = a,
                               Exception = e,
                               Clock = db.IncidentClocks.Where(k => k.IncidentId == c.IncidentId && k.MetAt == null && k.WithdrawnAt == null)
                                   .OrderBy(k => k.DueAt).FirstOrDefault(),
                           })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no communication {id}.");
        found.Communication.Participants.AddRange(found.Participants);
        reads.Remember(ReaderOf(actor), found.Communication, new(found.Release, found.Incident, found.Segment, found.Answers, found.Exception, found.Clock));
        return found.Communication;
    }

    private async Task<Revision> FindRevisionAsync(Guid id, int number, CancellationToken cancellationToken) =>
        await db.Revisions.AsNoTracking().FirstOrDefaultAsync(r => r.CommunicationId == id && r.Number == number, cancellationToken)
            ?? throw new NotFoundException($"Communication {id} has no revision {number}.");

    internal Task<Dictionary<Guid, PersonView>> PeopleAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken) =>
        reads.PeopleAsync(ids, cancellationToken);

    private async Task<IReadOnlyList<Guid>> ResolveParticipantsAsync(IReadOnlyList<string> emails, CancellationToken cancellationToken)
    {
        if (emails.Any(string.IsNullOrWhiteSpace))
        {
            throw ValidationException.For("participants", "participants must be email addresses; one is empty.");
        }
        var normalized = emails.Select(User.Normalize).Distinct().ToList();
        var found = await db.Users.AsNoTracking().Where(u => normalized.Contains(u.NormalizedEmail) && !u.Disabled)
            .Select(u => new { u.Id, u.NormalizedEmail }).ToListAsync(cancellationToken);
        var unknown = normalized.Except(found.Select(f => f.NormalizedEmail)).ToList();
        if (unknown.Count > 0)
        {
            throw ValidationException.For("participants", $"No active user has the email {string.Join(", ", unknown)}.");
        }
        return [.. found.Select(f => f.Id)];
    }

    private static CommunicationContent Merge(CommunicationContent current, ContentInput input) =>
        CommunicationContent.Normalize(
            input.Title ?? current.Title,
            input.Body ?? current.Body,
            input.EmailSubject ?? current.EmailSubject,
            input.EmailBody ?? current.EmailBody,
            input.ShortText ?? current.ShortText,
            input.SupportFaq ?? current.SupportFaq);

    private static Revision NewRevision(Guid id, int number, CommunicationContent content, string hash, Actor actor, DateTimeOffset at, string? note) => new()
    {
        CommunicationId = id,
        Number = number,
        Title = content.Title,
        Body = content.Body,
        EmailSubject = content.EmailSubject,
        EmailBody = content.EmailBody,
        ShortText = content.ShortText,
        SupportFaq = content.SupportFaq,
        ContentHash = hash,
        Note = note,
        AuthorId = actor.UserId,
        CreatedAt = at,
    };


    private static string LikeEscape(string term) =>
        term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    internal static void EnsureCanWrite(Actor actor)
    {
        if (!actor.CanWrite)
        {
            throw new ForbiddenException("Viewers can read communications but not change them.");
        }
    }

    internal static string Entity(Guid id) => $"communication:{id}";
}
