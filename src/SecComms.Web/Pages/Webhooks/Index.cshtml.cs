using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Distribution;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Policy;

namespace SecComms.Web.Pages.Webhooks;

/// <summary>
/// The outbound webhooks with their owners and delivery counts: add one (its secret shown once), switch one on or off,
/// delete one. Whoever adds or switches one becomes its owner.
/// </summary>
[WebhookManagersOnly]
public sealed class IndexModel(Core.Distribution.Webhooks webhooks, SecCommsPolicy policy, Actor actor) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public WebhookFormat Format { get; set; }

    [BindProperty]
    public List<string> Categories { get; set; } = [];

    public IReadOnlyList<WebhookView> Webhooks { get; private set; } = [];

    /// <summary>The webhook just created, with its secret: present only in the response to the request that created it.</summary>
    public WebhookView? Created { get; private set; }

    public IReadOnlyList<Category> PolicyCategories => [.. policy.Categories.Values.OrderBy(c => c.Name, StringComparer.Ordinal)];

    [TempData(Key = PageSupport.FlashKey)]
    public string? Flash { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Webhooks = await webhooks.ListAsync(actor, cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            Created = await webhooks.CreateAsync(actor, new WebhookInput(Name, Address, Format, Categories), cancellationToken);
            Response.Headers.CacheControl = "no-store";
            ModelState.Clear();
            (Name, Address, Format, Categories) = (null, null, WebhookFormat.Json, []);
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e, key => key.StartsWith("categories", StringComparison.Ordinal) ? nameof(Categories)
                : key == "url" ? nameof(Address) : key == "name" ? nameof(Name) : "");
        }
        Webhooks = await webhooks.ListAsync(actor, cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostActivateAsync(Guid id, CancellationToken cancellationToken) => SetActiveAsync(id, true, cancellationToken);

    public Task<IActionResult> OnPostDeactivateAsync(Guid id, CancellationToken cancellationToken) => SetActiveAsync(id, false, cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var webhook = (await webhooks.ListAsync(actor, cancellationToken)).SingleOrDefault(w => w.Id == id);
        if (webhook is null)
        {
            return this.NotFoundPage();
        }
        if (!this.Confirms("deleting the webhook"))
        {
            await OnGetAsync(cancellationToken);
            return Page();
        }
        await webhooks.DeleteAsync(actor, id, cancellationToken);
        Flash = $"The webhook \"{webhook.Name}\" was deleted, with its delivery records.";
        return RedirectToPage();
    }

    public string CategoryName(string key) => policy.FindCategory(key)?.Name ?? key;

    private async Task<IActionResult> SetActiveAsync(Guid id, bool active, CancellationToken cancellationToken)
    {
        var webhook = (await webhooks.ListAsync(actor, cancellationToken)).SingleOrDefault(w => w.Id == id);
        if (webhook is null)
        {
            return this.NotFoundPage();
        }
        try
        {
            await webhooks.UpdateAsync(actor, id, new WebhookInput(webhook.Name, webhook.Url, webhook.Format, webhook.Categories, active), cancellationToken);
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e, _ => "");
            Webhooks = await webhooks.ListAsync(actor, cancellationToken);
            return Page();
        }
        Flash = active ? $"The webhook \"{webhook.Name}\" is active: it is told about publications from now on." : $"The webhook \"{webhook.Name}\" is inactive: it is told nothing until activated again.";
        return RedirectToPage();
    }
}
