using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Distribution;
using SecComms.Core.Errors;
using SecComms.Core.Identity;

namespace SecComms.Web.Pages.Audiences;

/// <summary>The segments, each with who it reaches now, and a form to define a new one.</summary>
[AudienceReadersOnly]
public sealed class IndexModel(Segments segments, Actor actor) : PageModel
{
    [BindProperty]
    public SegmentForm Form { get; set; } = new();

    public IReadOnlyList<SegmentView> Segments { get; private set; } = [];

    public bool CanWrite => actor.CanWrite;

    [TempData(Key = PageSupport.FlashKey)]
    public string? Flash { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Segments = await segments.ListAsync(actor, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var created = await segments.CreateAsync(actor, Form.ToInput(), cancellationToken);
                Flash = $"The segment {created.Key} was created; it reaches {created.Recipients} contacts now.";
                return RedirectToPage("/Audiences/Segment", new { key = created.Key });
            }
            catch (ValidationException e)
            {
                ModelState.AddErrors(e, SegmentForm.FieldKey);
            }
            catch (Exception e) when (e is ConflictException or ForbiddenException)
            {
                ModelState.AddRefusal(e);
            }
        }
        Segments = await segments.ListAsync(actor, cancellationToken);
        return Page();
    }
}
