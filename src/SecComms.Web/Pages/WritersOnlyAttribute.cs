using Microsoft.AspNetCore.Mvc.Filters;
using SecComms.Web.Authentication;

namespace SecComms.Web.Pages;

/// <summary>Answers 403 with the forbidden page, on every handler of the page, to a viewer: the page exists only to change things.</summary>
/// <remarks>
/// A filter rather than an authorization policy: the cookie scheme's forbid sends the browser to sign in again, which
/// does not tell a signed-in viewer why. Core refuses a viewer's change in any case; this spares them a form they cannot save.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class WritersOnlyAttribute : Attribute, IAuthorizationFilter
{
    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (context.HttpContext.GetActor() is { CanWrite: false })
        {
            context.Result = PageSupport.ForbiddenPage();
        }
    }
}
