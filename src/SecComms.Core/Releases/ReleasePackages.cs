using Microsoft.EntityFrameworkCore;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Distribution;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Workflow;

namespace SecComms.Core.Releases;

/// <summary>One communication of a release's package, as its channels will show it, and whether the reader is asked to decide it.</summary>
/// <remarks><c>AsksYou</c>: it waits on a stage the reader's team decides now.</remarks>
public sealed record PackagePart(ReleasePart? Part, string? VulnerabilityReference, bool AsksYou, CommunicationView Communication);

/// <summary>Everything a release generated, side by side, as one package to review.</summary>
public sealed record ReleasePackageView(SecurityReleaseView Release, IReadOnlyList<PackagePart> Parts);

/// <summary>What preparing does besides generating: the package's SAFE answers, the customer email's audience, and submitting it all.</summary>
public sealed record PrepareRequest(SafeRequest? Safe, AudienceChoice? Audience, bool? Submit);

/// <summary>One decision in a batch: the communication and the package hash the approver was shown for it.</summary>
public sealed record PackageDecision(Guid? CommunicationId, string? PackageHash);

/// <param name="Decisions">Each communication to approve, with the hash read.</param>
/// <param name="Comment">A comment recorded with every approval.</param>
public sealed record PackageDecisionsRequest(IReadOnlyList<PackageDecision>? Decisions, string? Comment);

/// <summary>A communication of the package that a batch step cannot take, and why.</summary>
public sealed record PackageProblem(string Communication, string Reason);

/// <summary>
/// A release's communications handled as one package: read side by side, answered (SAFE) once, submitted at once,
/// approved in one call (each decision still bound to its own package hash), and armed to ship with the release. Every
/// step goes through the workflow's own rules for each communication; a batch is refused whole, naming each problem,
/// before anything changes.
/// </summary>
public sealed class ReleasePackages(
    SecCommsDb db, WriteScope writes, SecurityReleases releases, CommunicationService communications, WorkflowService workflow, CommunicationAudiences audiences,
    Readiness readiness, Policy.SecCommsPolicy policy, TimeProvider time)
{
    public async Task<ReleasePackageView> GetAsync(Actor actor, Guid releaseId, CancellationToken cancellationToken)
    {
        var release = await releases.GetAsync(releaseId, cancellationToken);
        var parts = await PartsAsync(actor, releaseId, cancellationToken);
        var asked = (await communications.WaitingOnAsync(actor, [.. parts.Where(p => p.Status == CommunicationStatus.InReview)], cancellationToken))
            .Select(c => c.Id).ToHashSet();
        var references = await db.Vulnerabilities.AsNoTracking().Where(v => v.ReleaseId == releaseId).ToDictionaryAsync(v => v.Id, v => v.Reference, cancellationToken);
        var maySee = Vulnerabilities.Vulnerabilities.MaySee(policy, actor);
        var views = new List<PackagePart>();
        foreach (var part in parts)
        {
            views.Add(new PackagePart(part.ReleasePart, maySee && part.VulnerabilityId is { } v ? references.GetValueOrDefault(v) : null, asked.Contains(part.Id),
                await communications.GetAsync(actor, part.Id, cancellationToken)));
        }
        return new ReleasePackageView(release, views);
    }

    /// <summary>
    /// Prepares the release, then answers the SAFE questions of everything it generated with <see cref="PrepareRequest.Safe"/>,
    /// addresses the customer email to <see cref="PrepareRequest.Audience"/>, and submits it all when asked.
    /// </summary>
    public async Task<SecurityReleaseDetails> PrepareAsync(Actor actor, Guid releaseId, PrepareRequest? request, CancellationToken cancellationToken)
    {
        await releases.PrepareAsync(actor, releaseId, cancellationToken);
        if (request?.Safe is { } safe)
        {
            await AnswerSafeAsync(actor, releaseId, safe, cancellationToken);
        }
        if (request?.Audience is { } audience)
        {
            var email = (await PartsAsync(actor, releaseId, cancellationToken)).FirstOrDefault(p => p.ReleasePart == ReleasePart.CustomerEmail)
                ?? throw new ConflictException("The release generated no customer email to address.");
            await audiences.SetAsync(actor, email.Id, audience, cancellationToken);
        }
        if (request?.Submit is true)
        {
            await SubmitAsync(actor, releaseId, cancellationToken);
        }
        return await releases.DetailsAsync(actor, releaseId, cancellationToken);
    }

    /// <summary>Gives the package's SAFE answers to each of its communications not yet out that has none of its own.</summary>
    public async Task<ReleasePackageView> AnswerSafeAsync(Actor actor, Guid releaseId, SafeRequest request, CancellationToken cancellationToken)
    {
        CommunicationService.EnsureCanWrite(actor);
        var parts = await PartsAsync(actor, releaseId, cancellationToken);
        var ids = parts.Select(p => p.Id).ToList();
        var answered = await db.SafeChecks.AsNoTracking().Where(s => ids.Contains(s.CommunicationId)).Select(s => s.CommunicationId).ToListAsync(cancellationToken);
        await writes.RunAsync(async () =>
        {
            foreach (var part in parts.Where(p => !p.IsOut && SafeQuestions.AreRequired(p) && !answered.Contains(p.Id)))
            {
                await workflow.AnswerSafeAsync(actor, part.Id, request, cancellationToken);
            }
        }, cancellationToken);
        return await GetAsync(actor, releaseId, cancellationToken);
    }

    /// <summary>Submits every draft of the package, or none: each needs its SAFE answers, as one submitted alone does.</summary>
    public async Task<ReleasePackageView> SubmitAsync(Actor actor, Guid releaseId, CancellationToken cancellationToken)
    {
        CommunicationService.EnsureCanWrite(actor);
        var drafts = (await PartsAsync(actor, releaseId, cancellationToken)).Where(p => p.Status == CommunicationStatus.Draft).ToList();
        var ids = drafts.Select(d => d.Id).ToList();
        var answered = await db.SafeChecks.AsNoTracking().Where(s => ids.Contains(s.CommunicationId)).Select(s => s.CommunicationId).ToListAsync(cancellationToken);
        Refuse("submitted", [.. drafts.Where(d => SafeQuestions.AreRequired(d) && !answered.Contains(d.Id))
            .Select(d => new PackageProblem(d.Reference, "its SAFE questions are not answered; answer them for the package or for it."))]);
        await writes.RunAsync(async () =>
        {
            foreach (var draft in drafts)
            {
                await workflow.SubmitAsync(actor, draft.Id, cancellationToken);
            }
        }, cancellationToken);
        return await GetAsync(actor, releaseId, cancellationToken);
    }

    /// <summary>
    /// Approves, for the reader's stage, each communication named, on the package hash the reader sent for it. A hash that
    /// is no longer current, or a communication not of this release or not waiting on the reader, refuses the whole batch.
    /// </summary>
    public async Task<IReadOnlyList<ApprovalView>> ApproveAsync(Actor actor, Guid releaseId, PackageDecisionsRequest request, CancellationToken cancellationToken)
    {
        CommunicationService.EnsureCanWrite(actor);
        new Validation()
            .Require(request.Decisions is { Count: > 0 }, "decisions", "decisions is required: each communication you approve, with the packageHash you were shown for it.")
            .Require(request.Decisions is null || request.Decisions.All(d => d.CommunicationId is not null && !string.IsNullOrWhiteSpace(d.PackageHash)), "decisions",
                "Each decision needs communicationId and packageHash.")
            .Require(request.Decisions is null || request.Decisions.Select(d => d.CommunicationId).Distinct().Count() == request.Decisions.Count, "decisions",
                "Each communication may be decided once in a batch.")
            .ThrowIfInvalid();
        var parts = (await PartsAsync(actor, releaseId, cancellationToken)).ToDictionary(p => p.Id);
        var asked = (await communications.WaitingOnAsync(actor, [.. parts.Values.Where(p => p.Status == CommunicationStatus.InReview)], cancellationToken))
            .Select(c => c.Id).ToHashSet();
        var problems = new List<PackageProblem>();
        foreach (var decision in request.Decisions!)
        {
            if (!parts.TryGetValue(decision.CommunicationId!.Value, out var part))
            {
                problems.Add(new PackageProblem(decision.CommunicationId.Value.ToString(), "it is not a communication of this release that you may see."));
            }
            else if (!asked.Contains(part.Id))
            {
                problems.Add(new PackageProblem(part.Reference, $"it does not wait on your team; it is {CommunicationService.Describe(part.Status)}."));
            }
            else if (await communications.PackageHashAsync(part, cancellationToken) is var current && current != decision.PackageHash)
            {
                problems.Add(new PackageProblem(part.Reference, $"you read package {decision.PackageHash}, but it is now {current}: read it again."));
            }
        }
        Refuse("approved", problems);
        return await writes.RunAsync(async () =>
        {
            var approvals = new List<ApprovalView>();
            foreach (var decision in request.Decisions!)
            {
                approvals.Add(await workflow.DecideAsync(actor, decision.CommunicationId!.Value,
                    new DecisionRequest(null, "approve", decision.PackageHash, request.Comment), cancellationToken));
            }
            return approvals;
        }, cancellationToken);
    }

    /// <summary>Arms every approved communication of the package to ship with the release, or none, naming what stops each.</summary>
    public async Task<ReleasePackageView> ShipWithReleaseAsync(Actor actor, Guid releaseId, CancellationToken cancellationToken)
    {
        CommunicationService.EnsureCanWrite(actor);
        var parts = await PartsAsync(actor, releaseId, cancellationToken);
        var problems = new List<PackageProblem>();
        foreach (var part in parts.Where(p => !p.IsOut && !p.ShipsWithRelease))
        {
            var report = await readiness.EvaluateAsync(part, time.GetUtcNow(), null, cancellationToken, withRelease: true);
            if (!report.Ready && !report.OnlyGatesClosed)
            {
                problems.Add(new PackageProblem(part.Reference, string.Join(" ", report.Outstanding)));
            }
        }
        Refuse("armed to ship with the release", problems);
        await writes.RunAsync(async () =>
        {
            foreach (var part in parts.Where(p => !p.IsOut && !p.ShipsWithRelease))
            {
                await workflow.ShipWithReleaseAsync(actor, part.Id, new ShipWithReleaseRequest(true), cancellationToken);
            }
        }, cancellationToken);
        return await GetAsync(actor, releaseId, cancellationToken);
    }

    /// <summary>What the release generated that the reader may see, in the order it was generated.</summary>
    private async Task<List<Communication>> PartsAsync(Actor actor, Guid releaseId, CancellationToken cancellationToken)
    {
        await releases.GetAsync(releaseId, cancellationToken);
        return await communications.VisibleTo(actor).Where(c => c.ReleaseId == releaseId && c.ReleasePart != null).OrderBy(c => c.Number)
            .ToListAsync(cancellationToken);
    }

    private static void Refuse(string what, List<PackageProblem> problems)
    {
        if (problems.Count > 0)
        {
            throw new ConflictException(
                $"Nothing was {what}: {string.Join(" ", problems.Select(p => $"{p.Communication}: {p.Reason}"))}", [.. problems]);
        }
    }
}
