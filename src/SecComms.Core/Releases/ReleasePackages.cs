using Microsoft.EntityFrameworkCore;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Distribution;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Workflow;

namespace SecComms.Core.Releases;

/// <summary>One communication of a release's package, as its channels will show it, and whether the reader is asked to decide it.</summary>
/// <remarks><c>AsksYou</c>: it waits on a stage the reader's team decides now, and the reader wrote none of its text.</remarks>
public sealed record PackagePart(ReleasePart? Part, string? VulnerabilityReference, bool AsksYou, CommunicationView Communication)
{
    /// <summary>Whether it would go out if the release were published now, its <c>fix-released</c> gate then open.</summary>
    public bool Ready { get; init; }

    /// <summary>What would stop it then, from the one readiness evaluation; empty when ready.</summary>
    public IReadOnlyList<string> Outstanding { get; init; } = [];
}

/// <summary>Everything a release generated, side by side, as one package to review.</summary>
public sealed record ReleasePackageView(SecurityReleaseView Release, IReadOnlyList<PackagePart> Parts)
{
    /// <summary>The package steps the reader may take now (<see cref="PackageStep"/> names), so pages and the CLI offer only these.</summary>
    public IReadOnlyList<string> Allowed { get; init; } = [];

    public bool Allows(PackageStep step) => Allowed.Contains(KebabNames.Of(step));
}

/// <summary>The steps that act on a whole package, each offered when it has something to do that the reader may do.</summary>
public enum PackageStep
{
    /// <summary>A communication not yet out has no SAFE answers, and the reader wrote it or is in its owner team.</summary>
    AnswerSafe,
    /// <summary>A communication is a draft, and the reader may submit it.</summary>
    Submit,
    /// <summary>A communication asks the reader to decide it.</summary>
    Approve,
    /// <summary>The release is not out, a communication is approved and not armed, and the reader may arm it.</summary>
    ShipWithRelease,
}

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
/// step is the workflow's own step for each communication, under its rules; a batch runs in one transaction and is
/// refused whole, naming each communication the workflow refused and why.
/// </summary>
public sealed class ReleasePackages(
    SecCommsDb db, WriteScope writes, SecurityReleases releases, CommunicationService communications, WorkflowService workflow,
    CommunicationAudiences audiences, Readiness readiness, Policy.SecCommsPolicy policy)
{
    public async Task<ReleasePackageView> GetAsync(Actor actor, Guid releaseId, CancellationToken cancellationToken)
    {
        var release = await releases.GetAsync(releaseId, cancellationToken);
        var parts = await VisiblePartsAsync(actor, releaseId, cancellationToken);
        var asked = (await communications.WaitingOnAsync(actor, [.. parts.Where(p => p.Status == CommunicationStatus.InReview)], cancellationToken))
            .Select(c => c.Id).ToHashSet();
        var references = await db.Vulnerabilities.AsNoTracking().Where(v => v.ReleaseId == releaseId).ToDictionaryAsync(v => v.Id, v => v.Reference, cancellationToken);
        var maySee = Vulnerabilities.Vulnerabilities.MaySee(policy, actor);
        var unanswered = (await UnansweredAsync(parts, cancellationToken)).Select(p => p.Id).ToHashSet();
        var written = await communications.WrittenByAsync(actor, [.. unanswered], cancellationToken);
        var open = release.Status != ReleaseStatus.Published;
        var views = new List<PackagePart>();
        foreach (var part in parts)
        {
            var report = await readiness.EvaluateAsync(part, null, null, cancellationToken, withRelease: open);
            views.Add(new PackagePart(part.ReleasePart, maySee && part.VulnerabilityId is { } v ? references.GetValueOrDefault(v) : null, asked.Contains(part.Id),
                await communications.GetAsync(actor, part.Id, cancellationToken))
            {
                Ready = report.Ready,
                Outstanding = report.Outstanding,
            });
        }
        var drafts = views.Where(p => p.Communication.Status == CommunicationStatus.Draft).ToList();
        var armable = views.Where(p => p.Communication.Status == CommunicationStatus.Approved && !p.Communication.ShipsWithRelease).ToList();
        var steps = new Dictionary<PackageStep, bool>
        {
            [PackageStep.AnswerSafe] = parts.Any(p => unanswered.Contains(p.Id) && SafeQuestions.MayAnswer(actor, policy.CategoryOf(p), written.Contains(p.Id))),
            [PackageStep.Submit] = drafts.Count > 0 && drafts.All(p => p.Communication.Allows(CommunicationOperation.Submit)),
            [PackageStep.Approve] = asked.Count > 0,
            [PackageStep.ShipWithRelease] = open && armable.Count > 0 && armable.All(p => p.Communication.Allows(CommunicationOperation.ShipWithRelease)),
        };
        return new ReleasePackageView(release, views)
        {
            Allowed = actor.CanWrite ? [.. steps.Where(s => s.Value).Select(s => KebabNames.Of(s.Key))] : [],
        };
    }

    /// <summary>
    /// Prepares the release, then answers the SAFE questions of everything it generated with <see cref="PrepareRequest.Safe"/>,
    /// addresses the customer email to <see cref="PrepareRequest.Audience"/>, and submits it all when asked: in one
    /// transaction, so a refused step leaves the release unprepared.
    /// </summary>
    public async Task<SecurityReleaseDetails> PrepareAsync(Actor actor, Guid releaseId, PrepareRequest? request, CancellationToken cancellationToken)
    {
        await writes.RunAsync(async () =>
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
        }, cancellationToken);
        return await releases.DetailsAsync(actor, releaseId, cancellationToken);
    }

    /// <summary>Gives the package's SAFE answers to each of its communications not yet out that has none of its own.</summary>
    public async Task<ReleasePackageView> AnswerSafeAsync(Actor actor, Guid releaseId, SafeRequest request, CancellationToken cancellationToken)
    {
        CommunicationService.EnsureCanWrite(actor);
        var parts = await PartsAsync(actor, releaseId, cancellationToken);
        await EachAsync("answered", await UnansweredAsync(parts, cancellationToken),
            part => workflow.AnswerSafeAsync(actor, part.Id, request, cancellationToken), cancellationToken);
        return await GetAsync(actor, releaseId, cancellationToken);
    }

    /// <summary>Submits every draft of the package, or none.</summary>
    public async Task<ReleasePackageView> SubmitAsync(Actor actor, Guid releaseId, CancellationToken cancellationToken)
    {
        CommunicationService.EnsureCanWrite(actor);
        var drafts = (await PartsAsync(actor, releaseId, cancellationToken)).Where(p => p.Status == CommunicationStatus.Draft);
        await EachAsync("submitted", drafts, draft => workflow.SubmitAsync(actor, draft.Id, cancellationToken), cancellationToken);
        return await GetAsync(actor, releaseId, cancellationToken);
    }

    /// <summary>
    /// Approves, for the reader's stage, each communication named, on the package hash the reader sent for it. A
    /// communication not of this release, or one the workflow refuses (a stale hash, a stage not the reader's), refuses
    /// the whole batch.
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
        Refuse("approved", [.. request.Decisions!.Where(d => !parts.ContainsKey(d.CommunicationId!.Value))
            .Select(d => new PackageProblem(d.CommunicationId!.Value.ToString(), "it is not a communication of this release that you may see."))]);
        var approvals = new List<ApprovalView>();
        var hashes = request.Decisions!.ToDictionary(d => d.CommunicationId!.Value, d => d.PackageHash);
        await EachAsync("approved", hashes.Keys.Select(id => parts[id]), async part => approvals.Add(await workflow.DecideAsync(actor, part.Id,
            new DecisionRequest(null, "approve", hashes[part.Id], request.Comment), cancellationToken)), cancellationToken);
        return approvals;
    }

    /// <summary>Arms every approved communication of the package to ship with the release, or none, naming what stops each.</summary>
    public async Task<ReleasePackageView> ShipWithReleaseAsync(Actor actor, Guid releaseId, CancellationToken cancellationToken)
    {
        CommunicationService.EnsureCanWrite(actor);
        var parts = await PartsAsync(actor, releaseId, cancellationToken);
        await EachAsync("armed to ship with the release", parts.Where(p => !p.IsOut && !p.ShipsWithRelease),
            part => workflow.ShipWithReleaseAsync(actor, part.Id, new ShipWithReleaseRequest(true), cancellationToken), cancellationToken);
        return await GetAsync(actor, releaseId, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="step"/> for each communication in one transaction. Every conflict the workflow answers is
    /// collected, and if there is one the whole batch is refused and rolled back, naming each; any other refusal stops it at once.
    /// </summary>
    private async Task EachAsync(string what, IEnumerable<Communication> parts, Func<Communication, Task> step, CancellationToken cancellationToken) =>
        await writes.RunAsync(async () =>
        {
            var problems = new List<PackageProblem>();
            foreach (var part in parts.ToList())
            {
                try
                {
                    await step(part);
                }
                catch (ConflictException refused)
                {
                    problems.Add(new PackageProblem(part.Reference, refused.Message));
                }
            }
            Refuse(what, problems);
        }, cancellationToken);

    /// <summary>What the release generated that the reader may see, in the order it was generated; 404 for no such release.</summary>
    private async Task<List<Communication>> PartsAsync(Actor actor, Guid releaseId, CancellationToken cancellationToken)
    {
        await releases.GetAsync(releaseId, cancellationToken);
        return await VisiblePartsAsync(actor, releaseId, cancellationToken);
    }

    /// <summary>The parts the package's SAFE answers go to: not yet out, public, and without answers of their own.</summary>
    private async Task<List<Communication>> UnansweredAsync(List<Communication> parts, CancellationToken cancellationToken)
    {
        var ids = parts.Select(p => p.Id).ToList();
        var answered = await db.SafeChecks.AsNoTracking().Where(s => ids.Contains(s.CommunicationId)).Select(s => s.CommunicationId).ToListAsync(cancellationToken);
        return [.. parts.Where(p => !p.IsOut && SafeQuestions.AreRequired(p) && !answered.Contains(p.Id))];
    }

    private Task<List<Communication>> VisiblePartsAsync(Actor actor, Guid releaseId, CancellationToken cancellationToken) =>
        communications.VisibleTo(actor).Where(c => c.ReleaseId == releaseId && c.ReleasePart != null).OrderBy(c => c.Number).ToListAsync(cancellationToken);

    private static void Refuse(string what, List<PackageProblem> problems)
    {
        if (problems.Count > 0)
        {
            throw new ConflictException(
                $"Nothing was {what}: {string.Join(" ", problems.Select(p => $"{p.Communication}: {p.Reason}"))}", [.. problems]);
        }
    }
}
