using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Distribution;
using SecComms.Core.Errors;
using SecComms.Core.Identity;

namespace SecComms.Web.Pages.Audiences;

/// <summary>Contacts by address, searched and paged, with a form to add one and the CSV export.</summary>
[AudienceReadersOnly]
public sealed class ContactsModel(Organizations organizations, ContactExport export, Actor actor) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "offset")]
    public int Offset { get; set; }

    [BindProperty]
    public ContactInput Contact { get; set; } = new(null, null, null);

    public Page<ContactView> Results { get; private set; } = new([], 0);

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
                var saved = await organizations.SaveContactAsync(actor, Contact, cancellationToken);
                Flash = $"Saved {saved.Email} at {saved.Organization}.";
                return RedirectToPage("/Audiences/Contacts", new { q = saved.Email });
            }
            catch (ValidationException e)
            {
                ModelState.AddErrors(e, key => PageSupport.InputOf(nameof(Contact), key));
            }
            catch (ForbiddenException e)
            {
                ModelState.AddRefusal(e);
            }
        }
        await ListAsync(cancellationToken);
        return Page();
    }

    /// <summary>Every contact as CSV, streamed, in the columns the import reads.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"contacts.csv\"";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(false));
        await export.WriteAsync(actor, writer, cancellationToken);
        return new EmptyResult();
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
            Results = await organizations.ContactsAsync(actor, Search, null, Offset, PageSize, cancellationToken);
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e);
        }
    }
}
