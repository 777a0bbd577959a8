using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SecComms.Web.Pages;

/// <summary>
/// Where the single sign-on provider's sign-in lands: it moves on to the page asked for from a page of this site, because
/// a browser withholds the <c>SameSite=Strict</c> session cookie from a redirect chain that started at the provider.
/// </summary>
public sealed class SignInContinueModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string Target => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    public void OnGet()
    {
    }
}
