using Microsoft.EntityFrameworkCore;
using SecComms.Core.Data;
using SecComms.Core.Exceptions;
using SecComms.Core.Incidents;
using SecComms.Core.Releases;
using SecComms.Core.Vulnerabilities;
using SecComms.Core.Workflow;

namespace SecComms.Core.Communications;

/// <summary>
/// What one request reads about communications, each record read once: a communication as its reader may see it, with
/// its release, incident, segment, SAFE answers and gate exception; its revisions and approvals; the release's
/// vulnerabilities; the incident's nearest clock; the people they name; and audience counts.
/// </summary>
/// <remarks>
/// The rules read through this instead of the database, so a page that asks several of them (the view, the
/// requirements, the gates, the package hash, the audience) pays for each record once. Nothing is kept inside a write
/// transaction, where every change re-reads what it checks, and every save forgets what was kept, so what a request
/// shows after a change is read again.
/// </remarks>
public sealed class CommunicationReads(SecCommsDb db)
{
    private readonly Dictionary<(object Reader, Guid Id), Communication> _visible = [];
    private readonly Dictionary<Guid, SecurityRelease?> _releases = [];
    private readonly Dictionary<Guid, Incident?> _incidents = [];
    private readonly Dictionary<Guid, Distribution.Segment?> _segments = [];
    private readonly Dictionary<Guid, PolicyExceptionEntry?> _exceptions = [];
    private readonly Dictionary<Guid, SafeCheck?> _answers = [];
    private readonly Dictionary<Guid, List<Approval>> _approvals = [];
    private readonly Dictionary<Guid, List<Revision>> _revisions = [];
    private readonly Dictionary<Guid, List<Vulnerability>> _vulnerabilities = [];
    private readonly Dictionary<Guid, IncidentClock?> _clocks = [];
    private readonly Dictionary<Guid, PersonView> _people = [];
    private readonly Dictionary<string, Distribution.AudienceCounts> _counts = [];
    private int _saves;

    /// <summary>Whether reads are kept now: outside a write transaction, and only until the next save.</summary>
    internal bool Keeps
    {
        get
        {
            if (db.Database.CurrentTransaction is not null)
            {
                return false;
            }
            if (_saves != db.Saves)
            {
                Forget();
                _saves = db.Saves;
            }
            return true;
        }
    }

    /// <param name="reader">What decides what the reader may see, compared by value.</param>
    /// <param name="id">The communication.</param>
    internal Communication? Visible(object reader, Guid id) => Keeps ? _visible.GetValueOrDefault((reader, id)) : null;

    /// <summary>Keeps a communication read for <paramref name="reader"/> with the records it links to, read in the same query.</summary>
    internal void Remember(object reader, Communication communication, LinkedRecords linked)
    {
        if (!Keeps)
        {
            return;
        }
        _visible[(reader, communication.Id)] = communication;
        _answers[communication.Id] = linked.Answers;
        if (communication.ReleaseId is { } releaseId)
        {
            _releases[releaseId] = linked.Release;
        }
        if (communication.IncidentId is { } incidentId)
        {
            _incidents[incidentId] = linked.Incident;
            _clocks[incidentId] = linked.NearestClock;
        }
        if (communication.AudienceSegmentId is { } segmentId)
        {
            _segments[segmentId] = linked.Segment;
        }
        if (communication.GateExceptionId is { } exceptionId)
        {
            _exceptions[exceptionId] = linked.Exception;
        }
    }

    /// <summary>The records a communication links to, read with it.</summary>
    internal sealed record LinkedRecords(SecurityRelease? Release, Incident? Incident, Distribution.Segment? Segment, SafeCheck? Answers,
        PolicyExceptionEntry? Exception, IncidentClock? NearestClock);

    public Task<SecurityRelease?> ReleaseAsync(Guid id, CancellationToken cancellationToken) =>
        OnceAsync(_releases, id, () => db.SecurityReleases.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken));

    public Task<Incident?> IncidentAsync(Guid id, CancellationToken cancellationToken) =>
        OnceAsync(_incidents, id, () => db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken));

    internal Task<Distribution.Segment?> SegmentAsync(Guid id, CancellationToken cancellationToken) =>
        OnceAsync(_segments, id, () => db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken));

    internal Task<PolicyExceptionEntry?> ExceptionAsync(Guid id, CancellationToken cancellationToken) =>
        OnceAsync(_exceptions, id, () => db.PolicyExceptions.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken));

    internal Task<SafeCheck?> AnswersAsync(Guid communicationId, CancellationToken cancellationToken) =>
        OnceAsync(_answers, communicationId, () => db.SafeChecks.AsNoTracking().FirstOrDefaultAsync(s => s.CommunicationId == communicationId, cancellationToken));

    /// <summary>Every decision taken on the communication, in any round.</summary>
    internal async Task<IReadOnlyList<Approval>> ApprovalsAsync(Guid communicationId, CancellationToken cancellationToken) =>
        await OnceAsync(_approvals, communicationId, () => db.Approvals.AsNoTracking().Where(a => a.CommunicationId == communicationId).ToListAsync(cancellationToken));

    /// <summary>Every revision of the communication, the newest first.</summary>
    internal async Task<IReadOnlyList<Revision>> RevisionsAsync(Guid communicationId, CancellationToken cancellationToken) =>
        await OnceAsync(_revisions, communicationId, () => db.Revisions.AsNoTracking().Where(r => r.CommunicationId == communicationId)
            .OrderByDescending(r => r.Number).ToListAsync(cancellationToken));

    /// <summary>The revision the communication is at.</summary>
    internal async Task<Revision> CurrentRevisionAsync(Communication communication, CancellationToken cancellationToken) =>
        Keeps
            ? (await RevisionsAsync(communication.Id, cancellationToken)).Single(r => r.Number == communication.CurrentRevision)
            : await db.Revisions.AsNoTracking().SingleAsync(r => r.CommunicationId == communication.Id && r.Number == communication.CurrentRevision, cancellationToken);

    /// <summary>The vulnerabilities the release fixes, by number.</summary>
    internal async Task<IReadOnlyList<Vulnerability>> VulnerabilitiesAsync(Guid releaseId, CancellationToken cancellationToken) =>
        await OnceAsync(_vulnerabilities, releaseId, () => db.Vulnerabilities.AsNoTracking().Where(v => v.ReleaseId == releaseId)
            .OrderBy(v => v.Number).ToListAsync(cancellationToken));

    /// <summary>The incident's clock due soonest that is neither met nor withdrawn.</summary>
    internal Task<IncidentClock?> NearestClockAsync(Guid incidentId, CancellationToken cancellationToken) =>
        OnceAsync(_clocks, incidentId, () => db.IncidentClocks.AsNoTracking()
            .Where(c => c.IncidentId == incidentId && c.MetAt == null && c.WithdrawnAt == null)
            .OrderBy(c => c.DueAt).FirstOrDefaultAsync(cancellationToken));

    /// <summary>The people among <paramref name="ids"/>, read in one query for those not read yet.</summary>
    internal async Task<Dictionary<Guid, PersonView>> PeopleAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        var keeps = Keeps;
        var missing = keeps ? wanted.Where(id => !_people.ContainsKey(id)).ToList() : wanted;
        var read = missing.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => missing.Contains(u.Id))
            .Select(u => new PersonView(u.Id, u.Email, u.Name)).ToListAsync(cancellationToken);
        if (!keeps)
        {
            return read.ToDictionary(p => p.Id);
        }
        foreach (var person in read)
        {
            _people[person.Id] = person;
        }
        return wanted.Where(_people.ContainsKey).ToDictionary(id => id, id => _people[id]);
    }

    /// <summary>Everyone a communication's page names: its creator, participants, revision authors, approvers and whoever answered its SAFE questions.</summary>
    internal async Task<Dictionary<Guid, PersonView>> NamedByAsync(Communication communication, CancellationToken cancellationToken)
    {
        var revisions = await RevisionsAsync(communication.Id, cancellationToken);
        var approvals = await ApprovalsAsync(communication.Id, cancellationToken);
        var answers = await AnswersAsync(communication.Id, cancellationToken);
        return await PeopleAsync([communication.CreatedById, .. communication.Participants.Select(p => p.UserId), .. revisions.Select(r => r.AuthorId),
            .. approvals.Select(a => a.ApproverId), .. answers is null ? Array.Empty<Guid>() : [answers.AnsweredById]], cancellationToken);
    }

    /// <summary>An audience's counts, once per request for the same SQL and parameters.</summary>
    internal Task<Distribution.AudienceCounts> CountAsync(string sql, IReadOnlyList<object> parameters, Func<Task<Distribution.AudienceCounts>> count) =>
        OnceAsync(_counts, sql + "\n" + string.Join("\n", parameters), count);

    private async Task<T> OnceAsync<TKey, T>(Dictionary<TKey, T> kept, TKey key, Func<Task<T>> read) where TKey : notnull
    {
        if (!Keeps)
        {
            return await read();
        }
        if (kept.TryGetValue(key, out var found))
        {
            return found;
        }
        var value = await read();
        kept[key] = value;
        return value;
    }

    private void Forget()
    {
        _visible.Clear();
        _releases.Clear();
        _incidents.Clear();
        _segments.Clear();
        _exceptions.Clear();
        _answers.Clear();
        _approvals.Clear();
        _revisions.Clear();
        _vulnerabilities.Clear();
        _clocks.Clear();
        _people.Clear();
        _counts.Clear();
    }
}
