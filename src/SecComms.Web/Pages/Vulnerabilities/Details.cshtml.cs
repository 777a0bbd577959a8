using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Releases;
using SecComms.Core.Vulnerabilities;
using VulnerabilityRecords = SecComms.Core.Vulnerabilities.Vulnerabilities;

namespace SecComms.Web.Pages.Vulnerabilities;

/// <summary>One vulnerability: its record, its place in the lifecycle with the moves open to it, and the editor.</summary>
[VulnerabilityTeamsOnly]
public sealed class DetailsModel(VulnerabilityRecords vulnerabilities, SecurityReleases releases, Actor actor) : VulnerabilityEditorModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public VulnerabilityView? Vulnerability { get; private set; }

    public SecurityReleaseView? Release { get; private set; }

    [TempData(Key = PageSupport.FlashKey)]
    public string? Flash { get; set; }

    public bool CanWrite => actor.CanWrite;

    /// <summary>The statuses a person may move it to from where it is; released comes only from publishing its release.</summary>
    public IEnumerable<VulnerabilityStatus> Moves => CanWrite && Vulnerability is { } v
        ? VulnerabilityDisplay.Lifecycle.Where(to => to != VulnerabilityStatus.Released && VulnerabilityLifecycle.Allows(v.Status, to))
        : [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var shown = await ShowAsync(cancellationToken);
        if (Vulnerability is { } v)
        {
            Form = VulnerabilityForm.From(v);
            Form.AddSpareRows();
        }
        return shown;
    }

    public Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken) =>
        SaveAsync(async form =>
        {
            var before = await vulnerabilities.GetAsync(actor, Id, cancellationToken);
            var saved = await vulnerabilities.UpdateAsync(actor, Id, form.ToInput(), cancellationToken);
            TempData[PageSupport.FlashKey] = Unchanged(before, saved) ? "Nothing changed, so nothing was saved." : $"Saved {saved.Reference}.";
            return RedirectToPage("/Vulnerabilities/Details", new { id = Id });
        }, cancellationToken);

    public async Task<IActionResult> OnPostStatusAsync(VulnerabilityStatus? status, CancellationToken cancellationToken)
    {
        try
        {
            var moved = await vulnerabilities.SetStatusAsync(actor, Id, new VulnerabilityStatusRequest(status), cancellationToken);
            TempData[PageSupport.FlashKey] = $"{moved.Reference} is now {VulnerabilityDisplay.StatusName(moved.Status).ToLowerInvariant()}.";
            return RedirectToPage("/Vulnerabilities/Details", new { id = Id });
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e);
        }
        catch (Exception e) when (e is ConflictException or ForbiddenException)
        {
            ModelState.AddRefusal(e);
        }
        var shown = await ShowAsync(cancellationToken);
        if (Vulnerability is { } v)
        {
            Form = VulnerabilityForm.From(v);
            Form.AddSpareRows();
        }
        return shown;
    }

    private static bool Unchanged(VulnerabilityView before, VulnerabilityView after) =>
        JsonSerializer.Serialize(before with { UpdatedAt = default }) == JsonSerializer.Serialize(after with { UpdatedAt = default });

    protected override async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        try
        {
            Vulnerability = await vulnerabilities.GetAsync(actor, Id, cancellationToken);
            Release = Vulnerability.ReleaseId is { } release ? await releases.GetAsync(release, cancellationToken) : null;
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        return Page();
    }
}
