using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SecComms.Web.Pages;

/// <summary>
/// The box a form asks to tick before a step that cannot be undone (publish, withdraw, revoke, delete…), shown by
/// <c>Shared/_ConfirmIrreversible</c> as "I understand that {Step} cannot be undone".
/// </summary>
/// <param name="Id">The id of the box, unique on the page.</param>
/// <param name="Step">What cannot be undone, e.g. "revoking the token release script".</param>
/// <param name="Handler">
/// The page handler the form posts to: a refusal is shown beside the box of that form only. Null for the forms of a
/// table's rows, which share their handler: the refusal is shown once, at the top of the page.
/// </param>
public sealed record Confirmation(string Id, string Step, string? Handler)
{
    /// <summary>The name the box is sent as; its error is shown beside it under the same key.</summary>
    public const string Field = "Confirm";
}

/// <summary>The server's side of the confirmation, so that it holds without scripts and for any client that posts the form.</summary>
internal static class ConfirmationCheck
{
    /// <summary>
    /// Whether the person ticked the box of the form just posted; when not, the page is refused with the reason beside
    /// the box, and the handler shows the form again and changes nothing.
    /// </summary>
    public static bool Confirms(this PageModel page, string step)
    {
        if (bool.TryParse(page.Request.Form[Confirmation.Field], out var ticked) && ticked)
        {
            return true;
        }
        page.ModelState.AddModelError(Confirmation.Field, $"Tick the box to confirm: {step} cannot be undone.");
        return false;
    }
}
