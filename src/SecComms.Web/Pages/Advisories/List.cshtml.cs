using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Advisories;
using SecComms.Core.Errors;
using SecComms.Web.Advisories;

namespace SecComms.Web.Pages.Advisories;

/// <summary>The public list of published advisories, newest first, for anyone.</summary>
[AllowAnonymous]
[PublicResponse]
public sealed class ListModel(PublicEntries entries, PublicSite site) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public PublicEntryPage Results { get; private set; } = new([], null, DateTimeOffset.UnixEpoch);

    public PublicSite Site => site;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Results = await entries.ListAsync(Cursor, PageSize, cancellationToken);
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e);
            var refused = Page();
            refused.StatusCode = StatusCodes.Status400BadRequest;
            return refused;
        }
        Response.GetTypedHeaders().LastModified = Results.LastModified;
        ViewData["Canonical"] = string.IsNullOrEmpty(Cursor) ? site.List : null;
        return Page();
    }
}
