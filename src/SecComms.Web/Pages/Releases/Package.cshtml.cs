using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Communications;
using SecComms.Core.Distribution;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Policy;
using SecComms.Core.Releases;
using SecComms.Core.Workflow;
using SecComms.Web.Pages.Communications;
using SecComms.Web.Pages.Vulnerabilities;

namespace SecComms.Web.Pages.Releases;

/// <summary>
/// Everything a release generated, each communication as its channels will show it with where it stands, and the steps
/// that act on the whole package: one set of SAFE answers, submit all, approve all that wait on the reader, arm all.
/// </summary>
public sealed class PackageModel(
    ReleasePackages packages, SecurityReleases releases, WorkflowService workflow, CommunicationAudiences audiences, SecCommsPolicy policy, Actor actor)
    : PageModel
{
    public ReleasePackageView? Package { get; private set; }

    public SecurityReleaseDetails? Details { get; private set; }

    /// <summary>Who each part's email goes to, for the parts whose category sends email.</summary>
    public IReadOnlyDictionary<Guid, EmailAudience> EmailAudiences { get; private set; } = new Dictionary<Guid, EmailAudience>();

    /// <summary>What changed in each part since a stage approved an earlier revision, for the parts that have one.</summary>
    public IReadOnlyDictionary<Guid, ChangesSinceApproved> Changes { get; private set; } = new Dictionary<Guid, ChangesSinceApproved>();

    [TempData(Key = PageSupport.FlashKey)]
    public string? Flash { get; set; }

    [BindProperty]
    public SafeForm Safe { get; set; } = new();

    /// <summary>Each communication approved, with the package hash this page showed for it.</summary>
    [BindProperty]
    public List<PackageDecision> Decisions { get; set; } = [];

    [BindProperty]
    public string? Comment { get; set; }

    public IReadOnlyList<PackagePart> AskingYou => [.. Package?.Parts.Where(p => p.AsksYou) ?? []];

    public IReadOnlyList<PackagePart> Drafts => [.. Package?.Parts.Where(p => p.Communication.Status == CommunicationStatus.Draft) ?? []];

    /// <summary>Who sees what a release generated before it is published, by name.</summary>
    public string VulnerabilityTeams => VulnerabilityDisplay.Teams(policy);

    public bool Allows(PackageStep step) => Package?.Allows(step) == true;

    /// <summary>The channels the part's category sends it through, in the order the page shows them.</summary>
    public IReadOnlyList<string> ChannelsOf(PackagePart part) =>
        policy.FindCategory(part.Communication.Category) is { } category ? [.. new[] { Channels.Web, Channels.Email, Channels.Social }.Where(category.Channels.Contains)] : [];

    public string CategoryName(PackagePart part) => policy.FindCategory(part.Communication.Category)?.Name ?? part.Communication.Category;

    public string? WaitingOn(PackagePart part) => Details?.Communications.FirstOrDefault(c => c.Id == part.Communication.Id)?.WaitingOn;

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => ShowAsync(id, cancellationToken);

    public Task<IActionResult> OnPostSafeAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async () =>
        {
            var package = await packages.AnswerSafeAsync(actor, id, Safe.ToRequest(), cancellationToken);
            return $"SAFE answers saved for every communication of {package.Release.Reference} that had none.";
        }, cancellationToken);

    public Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async () =>
        {
            var package = await packages.SubmitAsync(actor, id, cancellationToken);
            return $"Submitted for review: every draft of {package.Release.Reference}.";
        }, cancellationToken);

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async () =>
        {
            var approvals = await packages.ApproveAsync(actor, id, new PackageDecisionsRequest(Decisions, Comment), cancellationToken);
            return $"You approved {ReleaseDisplay.Count(approvals.Count, "communication", "communications")} for {string.Join(", ", approvals.Select(a => a.Team).Distinct())}.";
        }, cancellationToken);

    public Task<IActionResult> OnPostShipAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async () =>
        {
            var package = await packages.ShipWithReleaseAsync(actor, id, cancellationToken);
            var armed = package.Parts.Count(p => p.Communication.ShipsWithRelease);
            return $"Armed: {ReleaseDisplay.Count(armed, "communication goes", "communications go")} out when {package.Release.Reference} is published.";
        }, cancellationToken);

    /// <remarks>A refused batch changed nothing; the page shows each communication refused and why, with the package as it now stands.</remarks>
    private async Task<IActionResult> ActAsync(Guid id, Func<Task<string>> action, CancellationToken cancellationToken)
    {
        try
        {
            TempData[PageSupport.FlashKey] = await action();
            return RedirectToPage("/Releases/Package", new { id });
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e, field => SafeForm.Fields.Contains(field) ? SafeForm.InputOf(field) : field == "comment" ? nameof(Comment) : "");
        }
        catch (ConflictException e) when (e.Problems is { } problems && problems.OfType<PackageProblem>().Any())
        {
            foreach (var problem in problems.OfType<PackageProblem>())
            {
                ModelState.AddModelError("", $"{problem.Communication}: {PlainWords.Of(problem.Reason)}");
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
            Package = await packages.GetAsync(actor, id, cancellationToken);
            Details = await releases.DetailsAsync(actor, id, cancellationToken);
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        var emailed = new Dictionary<Guid, EmailAudience>();
        foreach (var part in Package.Parts.Where(p => ChannelsOf(p).Contains(Channels.Email)))
        {
            try
            {
                emailed[part.Communication.Id] = new(await audiences.GetAsync(actor, part.Communication.Id, cancellationToken), null);
            }
            catch (ConflictException e)
            {
                emailed[part.Communication.Id] = new(null, PlainWords.Of(e.Message));
            }
        }
        EmailAudiences = emailed;
        var changes = new Dictionary<Guid, ChangesSinceApproved>();
        foreach (var part in Package.Parts)
        {
            if (ChangesSinceApproved.Of(part.Communication, await workflow.ApprovalsAsync(actor, part.Communication.Id, cancellationToken)) is { } changed)
            {
                changes[part.Communication.Id] = changed;
            }
        }
        Changes = changes;
        return Page();
    }

    /// <summary>A part's email audience, or why it cannot be resolved now.</summary>
    public sealed record EmailAudience(CommunicationAudienceView? View, string? Problem);
}
