using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Communications;
using SecComms.Core.Errors;
using SecComms.Core.Identity;

namespace SecComms.Web.Pages.Communications;

/// <summary>Edits every channel variant at once, previews the rendered text, and saves it as a new revision.</summary>
[WritersOnly]
public sealed class EditModel(CommunicationService communications, Actor actor) : PageModel
{
    public const string StaleMessage =
        "Someone else saved a new revision while you were editing, so yours was not saved. Your text is kept below: " +
        "open the current version in another tab, then apply your change to it.";

    [BindProperty]
    public int Revision { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public string? EmailSubject { get; set; }

    [BindProperty]
    public string? EmailBody { get; set; }

    [BindProperty]
    public string? ShortText { get; set; }

    /// <summary>What support staff tell customers who ask; incident messages need it before they go out.</summary>
    [BindProperty]
    public string? SupportFaq { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public CommunicationView? Communication { get; private set; }

    public string? PreviewHtml { get; private set; }

    public bool Stale { get; private set; }

    /// <summary>Core allows no edit of a communication that is out, so its form offers no save.</summary>
    public bool CanSave => Communication?.Allows(CommunicationOperation.Edit) == true;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is not { } current)
        {
            return this.NotFoundPage();
        }
        var content = current.Revision.Content;
        (Revision, Title, Body, EmailSubject, EmailBody, ShortText, SupportFaq) =
            (current.Revision.Number, content.Title, content.Body, content.EmailSubject, content.EmailBody, content.ShortText, content.SupportFaq);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is null)
        {
            return this.NotFoundPage();
        }
        PreviewHtml = MarkdownRenderer.ToSafeHtml(Body ?? "");
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is null)
        {
            return this.NotFoundPage();
        }
        try
        {
            var input = new ContentInput(Title ?? "", Body ?? "", EmailSubject ?? "", EmailBody ?? "", ShortText ?? "", SupportFaq ?? "");
            var saved = await communications.ReviseAsync(actor, id, Revision, input, Note, cancellationToken);
            TempData[PageSupport.FlashKey] = saved.Revision.Number == Revision
                ? "Nothing changed, so no new revision was saved."
                : $"Saved revision {saved.Revision.Number}.";
            return RedirectToPage("/Communications/Details", new { id });
        }
        catch (StaleRevisionException e)
        {
            Stale = true;
            ModelState.AddModelError("", StaleMessage);
            ModelState.AddRefusal(e);
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e, nameof(Title), nameof(Body), nameof(EmailSubject), nameof(EmailBody), nameof(ShortText), nameof(SupportFaq), nameof(Note));
        }
        catch (Exception e) when (e is ConflictException or ForbiddenException)
        {
            ModelState.AddRefusal(e);
        }
        return Page();
    }

    private async Task<CommunicationView?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            return Communication = await communications.GetAsync(actor, id, cancellationToken);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }
}
