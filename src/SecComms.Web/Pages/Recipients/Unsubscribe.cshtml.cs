using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Distribution;

namespace SecComms.Web.Pages.Recipients;

/// <summary>
/// The unsubscribe link of non-mandatory notices. Opening it asks for confirmation, so that a mail scanner following
/// links unsubscribes no one; a POST unsubscribes, which is also what one-click unsubscribe (RFC 8058) sends.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(Organizations organizations) : PageModel
{
    public bool Done { get; private set; }

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (!await organizations.UnsubscribeAsync(token, cancellationToken))
        {
            return new PartialViewResult { ViewName = "_PublicNotFound", ViewData = ViewData, StatusCode = StatusCodes.Status404NotFound };
        }
        Done = true;
        return Page();
    }
}
