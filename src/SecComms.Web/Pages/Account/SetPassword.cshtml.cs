using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SecComms.Core.Errors;
using SecComms.Core.Identity;

namespace SecComms.Web.Pages.Account;

/// <summary>
/// Where an invited person, or one whose password was reset, chooses their password with the one-time link they were
/// sent. It signs no one in: they sign in afterwards with the new password.
/// </summary>
[AllowAnonymous]
public sealed class SetPasswordModel(PasswordLinks links, IOptions<AccountOptions> accounts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    /// <summary>Whom the link is for; null when it cannot be used.</summary>
    public PasswordLinkHolder? Holder { get; private set; }

    /// <summary>Set once the password is chosen.</summary>
    public PasswordLinkHolder? Done { get; private set; }

    public int MinimumPasswordLength => accounts.Value.MinimumPasswordLength;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        NoStore();
        Holder = await links.FindAsync(Token, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        NoStore();
        Holder = await links.FindAsync(Token, cancellationToken);
        if (Holder is null)
        {
            return Page();
        }
        if (!string.Equals(Password, ConfirmPassword, StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(ConfirmPassword), "The two passwords are not the same.");
            return Page();
        }
        try
        {
            Done = await links.SetPasswordAsync(Token, Password, cancellationToken);
        }
        catch (NotFoundException)
        {
            Holder = null;
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e, nameof(Password));
        }
        return Page();
    }

    /// <remarks>The address holds the link's secret: no cache keeps the page.</remarks>
    private void NoStore() => Response.Headers.CacheControl = "no-store";
}
