using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Audit;
using SecComms.Core.Errors;
using SecComms.Core.Identity;

namespace SecComms.Web.Pages.Audit;

/// <summary>One audit event whole: its sequence number, instant, actor, action, entity, data, and the hashes that link it.</summary>
[AuditReadersOnly]
public sealed class EventModel(AuditLog log, Actor actor) : PageModel
{
    public AuditEventView? Event { get; private set; }

    /// <summary>The newest event's sequence number, so the page links to a next event only if there is one.</summary>
    public long Last { get; private set; }

    public async Task<IActionResult> OnGetAsync(long seq, CancellationToken cancellationToken)
    {
        try
        {
            Event = await log.GetAsync(actor, seq, cancellationToken);
            Last = (await log.HeadAsync(cancellationToken))?.Seq ?? seq;
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        return Page();
    }
}
