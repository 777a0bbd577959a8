using Microsoft.EntityFrameworkCore;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Exceptions;
using SecComms.Core.Policy;
using SecComms.Core.Releases;

namespace SecComms.Core.Disclosure;

/// <summary>One disclosure gate of a communication and whether it lets the communication out at a given instant.</summary>
/// <param name="Gate">fix-released, incident-contained or embargo-passed.</param>
/// <param name="Passed">Whether the gate is open.</param>
/// <param name="Detail">What opened it, or what it still waits for.</param>
public sealed record GateResult(string Gate, bool Passed, string Detail);

/// <summary>The gates a publication passed, and the exception that let it past those that were closed.</summary>
public sealed record GatePassage(IReadOnlyList<GateResult> Gates, PolicyExceptionEntry? Exception)
{
    public IReadOnlyList<string> Overridden => [.. Gates.Where(g => !g.Passed).Select(g => g.Gate)];
}

/// <summary>
/// The gates of a communication's next disclosure, the policy exception its schedule relies on, and whether every gate
/// is open or covered by that exception.
/// </summary>
public sealed record GateStatus(IReadOnlyList<GateResult> Gates, PolicyExceptionEntry? Exception, bool Open);

/// <summary>
/// Decides whether a communication may be disclosed. A category's gates always apply; linking a security release, an
/// incident or setting an embargo adds the matching gate, whatever the category. A closed gate is passed only with an
/// approved, unexpired policy exception for that communication that names the gate.
/// </summary>
public sealed class DisclosureGates(SecCommsDb db, CommunicationReads reads, TimeProvider time)
{
    public static IReadOnlyList<string> Applicable(Category category, Communication communication)
    {
        var gates = category.Gates.Where(g => g != Gates.Linked).ToList();
        if (communication.ReleaseId is not null)
        {
            gates.Add(Gates.FixReleased);
        }
        if (communication.IncidentId is not null)
        {
            gates.Add(Gates.IncidentContained);
        }
        if (communication.EmbargoUntil is not null)
        {
            gates.Add(Gates.EmbargoPassed);
        }
        return [.. gates.Distinct()];
    }

    /// <summary>
    /// The gates as they stand for the communication's next disclosure: at its scheduled time when scheduled, otherwise now,
    /// with the exception its schedule relies on.
    /// </summary>
    public async Task<GateStatus> StatusAsync(Communication communication, Category category, CancellationToken cancellationToken)
    {
        var at = communication.Status == CommunicationStatus.Scheduled && communication.ScheduledAt is { } scheduled ? scheduled : time.GetUtcNow();
        var results = await EvaluateAsync(communication, category, at, cancellationToken);
        var exception = communication.GateExceptionId is { } exceptionId
            ? await reads.ExceptionAsync(exceptionId, cancellationToken) ?? throw new InvalidOperationException($"The exception {exceptionId} is missing.") : null;
        var covered = exception is not null && exception.IsInForce(at) && results.Where(g => !g.Passed).All(g => exception.Gates.Contains(g.Gate));
        return new GateStatus(results, exception, results.All(g => g.Passed) || covered);
    }

    /// <param name="communication">The communication to disclose.</param>
    /// <param name="category">Its category in the policy in force.</param>
    /// <param name="at">The instant of disclosure: now to publish, the scheduled time to schedule. Releases and incidents are read as they stand now.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <param name="withRelease">
    /// It would go out as its release is published, which opens <c>fix-released</c> at that moment: what arming a
    /// communication to ship with its release is checked against.
    /// </param>
    public async Task<IReadOnlyList<GateResult>> EvaluateAsync(Communication communication, Category category, DateTimeOffset at,
        CancellationToken cancellationToken, bool withRelease = false)
    {
        var results = new List<GateResult>();
        foreach (var gate in Applicable(category, communication))
        {
            results.Add(gate switch
            {
                Gates.FixReleased => await FixReleasedAsync(communication, withRelease, cancellationToken),
                Gates.IncidentContained => await IncidentContainedAsync(communication, at, cancellationToken),
                _ => EmbargoPassed(communication, at),
            });
        }
        return results;
    }

    /// <summary>
    /// Lets the communication through its gates at <paramref name="at"/>, or refuses with what is closed. A closed gate
    /// needs <paramref name="exceptionId"/>: an approved exception for this communication, in force at that instant,
    /// naming every closed gate.
    /// </summary>
    public async Task<GatePassage> PassAsync(Communication communication, Category category, DateTimeOffset at, Guid? exceptionId,
        CancellationToken cancellationToken)
    {
        var gates = await EvaluateAsync(communication, category, at, cancellationToken);
        var closed = gates.Where(g => !g.Passed).ToList();
        if (closed.Count == 0)
        {
            return new GatePassage(gates, null);
        }
        var waiting = string.Join("; ", closed.Select(g => $"{g.Gate}: {g.Detail}"));
        if (exceptionId is null)
        {
            throw new ConflictException(
                $"{communication.Reference} cannot go out at {Moment.Text(at)} because its gates are closed ({waiting}). Only an approved policy exception for {communication.Reference} that names these gates lets it through: choose it when publishing (exceptionId in the API).");
        }
        var exception = await db.PolicyExceptions.AsNoTracking().FirstOrDefaultAsync(e => e.Id == exceptionId, cancellationToken)
            ?? throw ValidationException.For("exceptionId", $"There is no policy exception {exceptionId}.");
        if (exception.CommunicationId != communication.Id)
        {
            throw new ConflictException(
                $"{exception.Reference} is not an exception for {communication.Reference}; only an exception requested for this communication lets it past its gates.");
        }
        if (exception.Status is ExceptionStatus.Approved or ExceptionStatus.Expired && !exception.IsInForce(at))
        {
            throw new ConflictException(
                $"{exception.Reference} is in force only until {Moment.Text(exception.ExpiresAt)}, not at {Moment.Text(at)}; an extension is a new exception request.");
        }
        if (exception.Status != ExceptionStatus.Approved)
        {
            throw new ConflictException($"{exception.Reference} is {exception.Status.ToString().ToLowerInvariant()}, not approved; only an approved exception lets {communication.Reference} past its gates.");
        }
        var uncovered = closed.Where(g => !exception.Gates.Contains(g.Gate)).Select(g => g.Gate).ToList();
        if (uncovered.Count > 0)
        {
            throw new ConflictException(
                $"{exception.Reference} covers {(exception.Gates.Count == 0 ? "no gate" : string.Join(", ", exception.Gates))}, but {string.Join(", ", uncovered)} is also closed ({waiting}).");
        }
        return new GatePassage(gates, exception);
    }

    private async Task<GateResult> FixReleasedAsync(Communication communication, bool withRelease, CancellationToken cancellationToken)
    {
        if (communication.ReleaseId is null)
        {
            return new GateResult(Gates.FixReleased, false, "no security release is linked; link the release that ships the fix.");
        }
        var release = await reads.ReleaseAsync(communication.ReleaseId.Value, cancellationToken)
            ?? throw new InvalidOperationException($"The release {communication.ReleaseId} is missing.");
        return release.Status == ReleaseStatus.Published
            ? new GateResult(Gates.FixReleased, true, $"{release.Reference} ({release.Title}) was published at {Moment.Text(release.PublishedAt)}.")
            : withRelease ? new GateResult(Gates.FixReleased, true, $"opens as {release.Reference} ({release.Title}) is published.")
            : new GateResult(Gates.FixReleased, false, $"{release.Reference} ({release.Title}) is {release.Status.ToString().ToLowerInvariant()}, not yet published.");
    }

    /// <remarks>The detail names the incident by reference only: a public communication's approvers need not be in the security team.</remarks>
    private async Task<GateResult> IncidentContainedAsync(Communication communication, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (communication.IncidentId is null)
        {
            return new GateResult(Gates.IncidentContained, false, "no incident is linked; link the incident this communication is about.");
        }
        var incident = await reads.IncidentAsync(communication.IncidentId.Value, cancellationToken)
            ?? throw new InvalidOperationException($"The incident {communication.IncidentId} is missing.");
        return incident.ContainedAt is { } contained && contained <= at
            ? new GateResult(Gates.IncidentContained, true, $"{incident.Reference} was contained at {Moment.Text(contained)}.")
            : new GateResult(Gates.IncidentContained, false, $"{incident.Reference} is not yet contained.");
    }

    private static GateResult EmbargoPassed(Communication communication, DateTimeOffset at) =>
        communication.EmbargoUntil is not { } until ? new GateResult(Gates.EmbargoPassed, true, "no embargo is set.")
        : until <= at ? new GateResult(Gates.EmbargoPassed, true, $"the embargo ended at {Moment.Text(until)}.")
        : new GateResult(Gates.EmbargoPassed, false, $"embargoed until {Moment.Text(until)}.");
}
