using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Distribution;
using SecComms.Core.Errors;
using SecComms.Core.Identity;

namespace SecComms.Web.Pages.Webhooks;

/// <summary>A webhook's latest events: what was sent, why an attempt failed (its class only), and what is still to be tried.</summary>
[WebhookManagersOnly]
public sealed class DeliveriesModel(Core.Distribution.Webhooks webhooks, Actor actor) : PageModel
{
    public WebhookView? Webhook { get; private set; }

    public IReadOnlyList<WebhookDeliveryView> Deliveries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Webhook = (await webhooks.ListAsync(actor, cancellationToken)).SingleOrDefault(w => w.Id == id);
        if (Webhook is null)
        {
            return this.NotFoundPage();
        }
        try
        {
            Deliveries = await webhooks.DeliveriesAsync(actor, id, cancellationToken);
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        return Page();
    }
}
