using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Audit;
using SecComms.Core.Errors;

namespace SecComms.Web.Pages.Audit;

/// <summary>
/// Walks the whole chain with <see cref="AuditVerifier"/>: verified up to which event and hash, or the first event where
/// it breaks and why; with a head kept from before, also whether the chain still holds it.
/// </summary>
/// <remarks>A page of its own, since it reads every event: the list of events does not pay for it on every view.</remarks>
[AuditReadersOnly]
public sealed class ChainModel(AuditVerifier verifier) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "expect")]
    public string? Expect { get; set; }

    public AuditVerification? Verification { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            var anchor = string.IsNullOrWhiteSpace(Expect) ? null : AuditHead.Parse(Expect, "expect");
            Verification = await verifier.VerifyAsync(anchor, cancellationToken);
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e, "expect");
        }
    }
}
