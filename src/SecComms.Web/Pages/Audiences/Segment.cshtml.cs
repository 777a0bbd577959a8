using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Distribution;
using SecComms.Core.Errors;
using SecComms.Core.Identity;

namespace SecComms.Web.Pages.Audiences;

/// <summary>One segment: who it reaches now, with the first few contacts, and the forms to change or delete it.</summary>
[AudienceReadersOnly]
public sealed class SegmentModel(Segments segments, Actor actor) : PageModel
{
    [BindProperty]
    public SegmentForm Form { get; set; } = new();

    public SegmentView? Segment { get; private set; }

    public AudiencePreview? Preview { get; private set; }

    public bool CanWrite => actor.CanWrite;

    [TempData(Key = PageSupport.FlashKey)]
    public string? Flash { get; set; }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(key, cancellationToken))
        {
            return this.NotFoundPage();
        }
        Form = SegmentForm.From(Segment!);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string key, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var saved = await segments.UpdateAsync(actor, key, Form.ToInput(), cancellationToken);
                Flash = $"Saved; the segment reaches {saved.Recipients} contacts now.";
                return RedirectToPage("/Audiences/Segment", new { key });
            }
            catch (NotFoundException)
            {
                return this.NotFoundPage();
            }
            catch (ValidationException e)
            {
                ModelState.AddErrors(e, SegmentForm.FieldKey);
            }
            catch (ForbiddenException e)
            {
                ModelState.AddRefusal(e);
            }
        }
        return await RedisplayAsync(key, cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            if (this.Confirms("deleting the segment"))
            {
                await segments.DeleteAsync(actor, key, cancellationToken);
                Flash = $"The segment {key} was deleted.";
                return RedirectToPage("/Audiences/Index");
            }
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        catch (Exception e) when (e is ConflictException or ForbiddenException)
        {
            ModelState.AddRefusal(e);
        }
        if (!await LoadAsync(key, cancellationToken))
        {
            return this.NotFoundPage();
        }
        Form = SegmentForm.From(Segment!);
        return Page();
    }

    private async Task<IActionResult> RedisplayAsync(string key, CancellationToken cancellationToken) =>
        await LoadAsync(key, cancellationToken) ? Page() : this.NotFoundPage();

    private async Task<bool> LoadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            Segment = await segments.GetAsync(actor, key, cancellationToken);
            Preview = await segments.PreviewAsync(actor, key, cancellationToken);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
