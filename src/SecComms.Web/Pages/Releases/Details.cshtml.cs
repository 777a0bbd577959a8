using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Communications;
using SecComms.Core.Distribution;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Paging;
using SecComms.Core.Policy;
using SecComms.Core.Releases;
using SecComms.Core.Vulnerabilities;
using SecComms.Core.Workflow;
using SecComms.Web.Pages.Vulnerabilities;
using VulnerabilityRecords = SecComms.Core.Vulnerabilities.Vulnerabilities;

namespace SecComms.Web.Pages.Releases;

/// <summary>
/// One security release: what it ships and fixes, the communications it generated and where each stands, anything
/// they state differently from the vulnerability records, and the steps that move it on.
/// </summary>
public sealed class DetailsModel(
    SecurityReleases releases, ReleasePackages packages, VulnerabilityRecords vulnerabilities, Segments segments, AudienceAccess audienceAccess,
    SecCommsPolicy policy, Actor actor) : PageModel
{
    public SecurityReleaseDetails? Details { get; private set; }

    /// <summary>The vulnerabilities that may be bundled: those in this release and the unreleased ones in none.</summary>
    public IReadOnlyList<VulnerabilityView> Candidates { get; private set; } = [];

    [TempData(Key = PageSupport.FlashKey)]
    public string? Flash { get; set; }

    [BindProperty]
    public List<Guid> VulnerabilityIds { get; set; } = [];

    /// <summary>Armed communications that are not ready, chosen to be left behind when the release is published.</summary>
    [BindProperty]
    public List<string> LeaveBehind { get; set; } = [];

    /// <summary>The package's SAFE answers, given while preparing when any is chosen.</summary>
    [BindProperty]
    public SafeForm Safe { get; set; } = new();

    /// <summary>The segment the customer email goes to; empty to choose later.</summary>
    [BindProperty]
    public string? Segment { get; set; }

    /// <summary>Submit everything preparing generated for review, in the same step.</summary>
    [BindProperty]
    public bool SubmitAll { get; set; }

    /// <summary>The segments the customer email may go to; empty for those who may not see audiences.</summary>
    public IReadOnlyList<SegmentView> SegmentOptions { get; private set; } = [];

    /// <summary>The armed communications that go out with the release if it is published now.</summary>
    public int ReadyToShip => Details?.Armed.Count(a => a.Ready) ?? 0;

    public bool SeesVulnerabilities => VulnerabilityRecords.MaySee(policy, actor);

    /// <summary>Who sees vulnerabilities, by name, for the people who do not.</summary>
    public string VulnerabilityTeams => VulnerabilityDisplay.Teams(policy);

    public bool CanManage => ReleaseDisplay.MayManage(policy, actor);

    public bool CanBundle => CanManage && Details?.Release.Status == ReleaseStatus.Planned;

    public bool CanPrepare => CanManage && Details?.Release.Status == ReleaseStatus.Planned;

    public bool CanPublish => CanManage && Details?.Release.Status != ReleaseStatus.Published;

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => ShowAsync(id, cancellationToken);

    public Task<IActionResult> OnPostVulnerabilitiesAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async () =>
        {
            var set = await releases.SetVulnerabilitiesAsync(actor, id, new ReleaseVulnerabilitiesRequest(VulnerabilityIds), cancellationToken);
            return set.VulnerabilityCount == 1
                ? $"{set.Release.Reference} fixes 1 vulnerability."
                : $"{set.Release.Reference} fixes {set.VulnerabilityCount} vulnerabilities.";
        }, cancellationToken);

    /// <remarks>Prepared, the release is reviewed as one package, so that is where the person goes next.</remarks>
    public Task<IActionResult> OnPostPrepareAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async () =>
        {
            var request = new PrepareRequest(Safe.Answered ? Safe.ToRequest() : null, string.IsNullOrWhiteSpace(Segment) ? null : new AudienceChoice(Segment),
                SubmitAll);
            var prepared = await packages.PrepareAsync(actor, id, request, cancellationToken);
            var generated = prepared.Communications.Where(c => c.Part is not null).ToList();
            var inReview = generated.Count(c => c.Status == CommunicationStatus.InReview);
            return $"{prepared.Release.Reference} is prepared: {ReleaseDisplay.Count(generated.Count, "communication was", "communications were")} generated"
                + (inReview > 0 ? $", {inReview} submitted for review." : ".");
        }, cancellationToken, then: "/Releases/Package");

    /// <remarks>Publishing cannot be undone, so the form asks for a confirmation first, which works without scripts.</remarks>
    public async Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!this.Confirms("publishing"))
        {
            return await ShowAsync(id, cancellationToken);
        }
        return await ActAsync(id, async () =>
        {
            var published = await releases.PublishAsync(actor, id, new PublishReleaseRequest(LeaveBehind), cancellationToken);
            return $"{published.Reference} is published: its fixes are released and the fix-released gate of its communications is open.";
        }, cancellationToken);
    }

    /// <remarks>A refusal from Core is shown on the page with the release as it now stands, so the person sees why.</remarks>
    private async Task<IActionResult> ActAsync(Guid id, Func<Task<string>> action, CancellationToken cancellationToken, string then = "/Releases/Details")
    {
        try
        {
            TempData[PageSupport.FlashKey] = await action();
            return RedirectToPage(then, new { id });
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e, field => SafeForm.Fields.Contains(field) ? SafeForm.InputOf(field)
                : field.Equals("segment", StringComparison.OrdinalIgnoreCase) ? nameof(Segment)
                : field.Equals("vulnerabilityIds", StringComparison.OrdinalIgnoreCase) ? nameof(VulnerabilityIds) : "");
        }
        catch (ConflictException e) when (e.Problems is { } problems && problems.OfType<ReleaseProblem>().Any())
        {
            foreach (var problem in problems.OfType<ReleaseProblem>())
            {
                ModelState.AddModelError("", PlainWords.Of(problem.Reason));
            }
        }
        catch (ConflictException e) when (e.Problems is { } problems && problems.OfType<PackageProblem>().Any())
        {
            foreach (var problem in problems.OfType<PackageProblem>())
            {
                ModelState.AddModelError("", $"{problem.Communication}: {PlainWords.Of(problem.Reason)}");
            }
        }
        catch (ConflictException e) when (e.Problems is { } problems && problems.OfType<UnreadyCommunication>().Any())
        {
            foreach (var problem in problems.OfType<UnreadyCommunication>())
            {
                ModelState.AddModelError("", $"{problem.Communication}, armed to ship with the release, cannot go out: {string.Join(" ", problem.Outstanding.Select(PlainWords.Of))}");
            }
        }
        catch (Exception e) when (e is ConflictException or ForbiddenException)
        {
            ModelState.AddRefusal(e);
        }
        return await ShowAsync(id, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Details = await releases.DetailsAsync(actor, id, cancellationToken);
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        if (CanPrepare && audienceAccess.CanRead(actor))
        {
            SegmentOptions = await segments.ListAsync(actor, cancellationToken);
        }
        if (CanBundle)
        {
            var bundled = (await vulnerabilities.ListAsync(actor, new VulnerabilityFilter(ReleaseId: id, Limit: NumberCursor.MaxLimit), cancellationToken)).Items;
            var newest = (await vulnerabilities.ListAsync(actor, new VulnerabilityFilter(Limit: NumberCursor.MaxLimit), cancellationToken)).Items;
            Candidates = [.. bundled, .. newest.Where(v => v.ReleaseId is null && v.Status is not (VulnerabilityStatus.Released or VulnerabilityStatus.Disclosed))];
        }
        return Page();
    }
}
