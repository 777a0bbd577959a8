using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Policy;
using SecComms.Core.Releases;
using SecComms.Core.Vulnerabilities;
using SecComms.Web.Pages.Vulnerabilities;
using VulnerabilityRecords = SecComms.Core.Vulnerabilities.Vulnerabilities;

namespace SecComms.Web.Pages.Releases;

/// <summary>
/// One security release: what it ships and fixes, the communications it generated and where each stands, anything
/// they state differently from the vulnerability records, and the steps that move it on.
/// </summary>
public sealed class DetailsModel(SecurityReleases releases, VulnerabilityRecords vulnerabilities, SecCommsPolicy policy, Actor actor) : PageModel
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

    public Task<IActionResult> OnPostPrepareAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async () =>
        {
            var prepared = await releases.PrepareAsync(actor, id, cancellationToken);
            return $"{prepared.Release.Reference} is being prepared: {prepared.Communications.Count(c => c.Part is not null)} communications were generated.";
        }, cancellationToken);

    public Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async () =>
        {
            var published = await releases.PublishAsync(actor, id, new PublishReleaseRequest(LeaveBehind), cancellationToken);
            return $"{published.Reference} is published: its fixes are released and the fix-released gate of its communications is open.";
        }, cancellationToken);

    /// <remarks>A refusal from Core is shown on the page with the release as it now stands, so the person sees why.</remarks>
    private async Task<IActionResult> ActAsync(Guid id, Func<Task<string>> action, CancellationToken cancellationToken)
    {
        try
        {
            TempData[PageSupport.FlashKey] = await action();
            return RedirectToPage("/Releases/Details", new { id });
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e, nameof(VulnerabilityIds));
        }
        catch (ConflictException e) when (e.Problems is { } problems && problems.OfType<ReleaseProblem>().Any())
        {
            foreach (var problem in problems.OfType<ReleaseProblem>())
            {
                ModelState.AddModelError("", problem.Reason);
            }
        }
        catch (Exception e) when (e is ConflictException or ForbiddenException)
        {
            ModelState.AddModelError("", e.Message);
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
        if (CanBundle)
        {
            var bundled = await vulnerabilities.ListAsync(actor, new VulnerabilityFilter(ReleaseId: id), cancellationToken);
            var newest = await vulnerabilities.ListAsync(actor, new VulnerabilityFilter(), cancellationToken);
            Candidates = [.. bundled, .. newest.Where(v => v.ReleaseId is null && v.Status is not (VulnerabilityStatus.Released or VulnerabilityStatus.Disclosed))];
        }
        return Page();
    }
}
