using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Errors;
using SecComms.Core.Exceptions;
using SecComms.Core.Identity;
using SecComms.Core.Policy;

namespace SecComms.Web.Pages.Exceptions;

/// <summary>One policy exception: the case made for it, its decision, and the forms the signed-in person may use on it.</summary>
public sealed class DetailsModel(ExceptionRegister register, SecCommsPolicy policy, Actor actor) : PageModel
{
    public ExceptionView? Entry { get; private set; }

    [TempData(Key = PageSupport.FlashKey)]
    public string? Flash { get; set; }

    /// <summary>The approver's comment, or the reason for a rejection.</summary>
    [BindProperty]
    public string? Comment { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Justification { get; set; }

    [BindProperty]
    public string? AlternativesConsidered { get; set; }

    [BindProperty]
    public string? CompensatingControls { get; set; }

    [BindProperty]
    public string? Risk { get; set; }

    [BindProperty]
    public int? PeriodDays { get; set; }

    public int MaxPeriodDays => policy.Exceptions.MaxPeriodDays;

    public bool HasActions => Entry?.Actions is { } a && (a.Decide || a.Revoke || a.Extend);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var shown = await ShowAsync(id, cancellationToken);
        if (Entry is { } entry)
        {
            AlternativesConsidered = entry.AlternativesConsidered;
            CompensatingControls = entry.CompensatingControls;
            Risk = Core.Workflow.AuditNames.Of(entry.Risk);
            PeriodDays = Math.Min(entry.PeriodDays, MaxPeriodDays);
        }
        return shown;
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async () =>
        {
            var approved = await register.ApproveAsync(actor, id, Comment, cancellationToken);
            return ($"Approved: {approved.Reference} is in force until {PageSupport.Utc(approved.ExpiresAt ?? default)}.", id);
        }, cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(Guid id, CancellationToken cancellationToken) =>
        !this.Confirms("rejecting the exception") ? ShowAsync(id, cancellationToken) : ActAsync(id, async () =>
        {
            var rejected = await register.RejectAsync(actor, id, Comment, cancellationToken);
            return ($"Rejected {rejected.Reference}; its requester has been told.", id);
        }, cancellationToken);

    public Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken) =>
        !this.Confirms("revoking the exception") ? ShowAsync(id, cancellationToken) : ActAsync(id, async () =>
        {
            var revoked = await register.RevokeAsync(actor, id, Reason, cancellationToken);
            return ($"Revoked {revoked.Reference}: it is no longer in force.", id);
        }, cancellationToken);

    public Task<IActionResult> OnPostExtendAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, async () =>
        {
            var extension = await register.ExtendAsync(actor, id,
                new ExtensionRequest(Justification, AlternativesConsidered, CompensatingControls, string.IsNullOrEmpty(Risk) ? null : Risk, PeriodDays),
                cancellationToken);
            return ($"{extension.Reference} was requested to extend {extension.Extends?.Reference}; it waits for an approver.", extension.Id);
        }, cancellationToken);

    /// <remarks>A refusal from Core is shown on the page with the exception as it now stands, so the person sees why.</remarks>
    private async Task<IActionResult> ActAsync(Guid id, Func<Task<(string Done, Guid Show)>> action, CancellationToken cancellationToken)
    {
        try
        {
            var (done, show) = await action();
            TempData[PageSupport.FlashKey] = done;
            return RedirectToPage("/Exceptions/Details", new { id = show });
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e, nameof(Comment), nameof(Reason), nameof(Justification), nameof(AlternativesConsidered), nameof(CompensatingControls),
                nameof(Risk), nameof(PeriodDays));
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
            Entry = await register.GetAsync(actor, id, cancellationToken);
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        return Page();
    }
}
