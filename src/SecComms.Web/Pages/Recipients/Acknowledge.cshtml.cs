using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Distribution;

namespace SecComms.Web.Pages.Recipients;

/// <summary>The link by which a customer confirms receiving a notice; opening it asks, the button records it.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class AcknowledgeModel(Dispatches dispatches) : PageModel
{
    public Acknowledgement? Recorded { get; private set; }

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Recorded = await dispatches.AcknowledgeAsync(token, cancellationToken);
        return Recorded is null
            ? new PartialViewResult { ViewName = "_PublicNotFound", ViewData = ViewData, StatusCode = StatusCodes.Status404NotFound }
            : Page();
    }
}
