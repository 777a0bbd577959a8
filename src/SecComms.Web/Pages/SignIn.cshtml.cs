using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SecComms.Core.Identity;
using SecComms.Core.Identity.SingleSignOn;
using SecComms.Web.Authentication;
using SecComms.Web.Authentication.SingleSignOn;

namespace SecComms.Web.Pages;

public sealed class SignInModel(PasswordSignIn passwords, IOptions<AccountOptions> options, IOptions<SingleSignOnOptions> singleSignOn) : PageModel
{
    /// <summary>The one answer to every refused sign-in, so that none tells which accounts exist or which are being attacked.</summary>
    public const string Refused = "The email or password is incorrect, or too many attempts were made; wait a moment and try again.";

    /// <summary>The browser's known-device token (<see cref="KnownDevices"/>), sent only to this page.</summary>
    public const string DeviceCookie = "seccomms-device";

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Why the provider's sign-in did not let the person in (<see cref="SingleSignOnEvents"/>).</summary>
    [BindProperty(Name = SingleSignOnEvents.RefusalParameter, SupportsGet = true)]
    public string? ProviderRefusal { get; set; }

    /// <summary>The single sign-on provider's name for its button, when one is configured.</summary>
    public string? Provider => singleSignOn.Value.Enabled ? singleSignOn.Value.DisplayName : null;

    public string ProviderStart => $"{SingleSignOnScheme.StartPath}?returnUrl={Uri.EscapeDataString(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/")}";

    public bool PasswordsAllowed => passwords.Enabled;

    public void OnGet()
    {
        if (Provider is { } provider && ProviderRefusal is { } refusal)
        {
            ModelState.AddModelError("", refusal == SingleSignOnEvents.Failed
                ? $"Signing in with {provider} did not complete. Try again."
                : Enum.TryParse<ProviderSignInRefusal>(refusal, out var why) && Enum.IsDefined(why)
                    ? ProviderSignIn.Explain(why, provider)
                    : $"Signing in with {provider} did not complete. Try again.");
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!PasswordsAllowed)
        {
            ModelState.AddModelError("", PasswordSignIn.TurnedOff.Replace("single sign-on", Provider, StringComparison.Ordinal));
            var refused = Page();
            refused.StatusCode = StatusCodes.Status403Forbidden;
            return refused;
        }
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError("", "Enter your email and your password.");
            return Page();
        }
        var attempt = new SignInAttempt(Email, Password, HttpContext.Connection.RemoteIpAddress, Request.Cookies[DeviceCookie]);
        if (await passwords.SignInAsync(attempt, cancellationToken) is not { } signedIn)
        {
            ModelState.AddModelError("", Refused);
            return Page();
        }
        Response.Cookies.Append(DeviceCookie, signedIn.DeviceToken, new CookieOptions
        {
            Path = "/signin",
            HttpOnly = true,
            Secure = Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            IsEssential = true,
            MaxAge = options.Value.KnownDeviceLifetime,
        });
        await SignInAsync(HttpContext, signedIn.User);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    /// <summary>Starts the cookie session for a person whose identity was just proven.</summary>
    internal static Task SignInAsync(HttpContext http, User user) =>
        http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, CookieSessions.Principal(user));
}
