using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Distribution;
using SecComms.Core.Errors;
using SecComms.Core.Identity;

namespace SecComms.Web.Pages.Audiences;

/// <summary>One organization's name and targeting attributes, for those who may change them.</summary>
[AudienceReadersOnly]
public sealed class OrganizationModel(Organizations organizations, Actor actor) : PageModel
{
    [BindProperty]
    public OrganizationInput Organization { get; set; } = new(null);

    public OrganizationView? Stored { get; private set; }

    [TempData(Key = PageSupport.FlashKey)]
    public string? Flash { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!actor.CanWrite || !await LoadAsync(id, cancellationToken))
        {
            return this.NotFoundPage();
        }
        var o = Stored!;
        Organization = new OrganizationInput(o.Name, o.Tier, o.Deployment, o.ProductVersion, o.Region);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var saved = await organizations.UpdateAsync(actor, id, Organization, cancellationToken);
                Flash = $"Saved {saved.Name}.";
                return RedirectToPage("/Audiences/Organizations", new { q = saved.Name });
            }
            catch (NotFoundException)
            {
                return this.NotFoundPage();
            }
            catch (ValidationException e)
            {
                ModelState.AddErrors(e, key => PageSupport.InputOf(nameof(Organization), key));
            }
            catch (Exception e) when (e is ConflictException or ForbiddenException)
            {
                ModelState.AddRefusal(e);
            }
        }
        return await LoadAsync(id, cancellationToken) ? Page() : this.NotFoundPage();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Stored = await organizations.GetAsync(actor, id, cancellationToken);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
