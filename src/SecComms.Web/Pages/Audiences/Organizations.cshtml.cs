using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Distribution;
using SecComms.Core.Errors;
using SecComms.Core.Identity;

namespace SecComms.Web.Pages.Audiences;

/// <summary>Customer organizations by name, with the attributes segments target, and a form to add one.</summary>
[AudienceReadersOnly]
public sealed class OrganizationsModel(Organizations organizations, Actor actor) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "offset")]
    public int Offset { get; set; }

    [BindProperty]
    public OrganizationInput Organization { get; set; } = new(null);

    public Page<OrganizationView> Results { get; private set; } = new([], 0);

    public bool CanWrite => actor.CanWrite;

    [TempData(Key = PageSupport.FlashKey)]
    public string? Flash { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var created = await organizations.CreateAsync(actor, Organization, cancellationToken);
                Flash = $"Added {created.Name}.";
                return RedirectToPage("/Audiences/Organizations", new { q = created.Name });
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
        await ListAsync(cancellationToken);
        return Page();
    }

    /// <summary>The search, for the paging links that keep it.</summary>
    public Dictionary<string, string> Query(int offset)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(Search))
        {
            query["q"] = Search;
        }
        if (offset > 0)
        {
            query["offset"] = offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return query;
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        try
        {
            Results = await organizations.ListAsync(actor, Search, Offset, PageSize, cancellationToken);
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e);
        }
    }
}
