using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Identity;
using SecComms.Web.Authentication;

namespace SecComms.Web.Pages;

public sealed class SignInModel(PasswordSignIn passwords) : PageModel
{
    public const string Incorrect = "Email or password is incorrect.";

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError("", "Enter your email and your password.");
            return Page();
        }
        var result = await passwords.SignInAsync(Email, Password, cancellationToken);
        switch (result)
        {
            case { Outcome: SignInOutcome.Succeeded, User: { } user }:
                await SignInAsync(HttpContext, user);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
            case { Outcome: SignInOutcome.LockedOut, LockedUntil: { } until }:
                ModelState.AddModelError("", $"This account is locked after too many failed sign-ins. Try again after {PageSupport.Utc(until)}.");
                return Page();
            default:
                ModelState.AddModelError("", Incorrect);
                return Page();
        }
    }

    /// <summary>Starts the cookie session for a person whose identity was just proven.</summary>
    internal static Task SignInAsync(HttpContext http, User user) =>
        http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            ActorPrincipal.Create(Actor.From(user), CookieAuthenticationDefaults.AuthenticationScheme));
}
