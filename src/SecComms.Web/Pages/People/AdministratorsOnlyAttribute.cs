using Microsoft.AspNetCore.Mvc.Filters;
using SecComms.Web.Authentication;

namespace SecComms.Web.Pages.People;

/// <summary>Answers 403 with the reason, on every handler, to anyone who is not an administrator.</summary>
/// <remarks>The same rule as <see cref="Core.Identity.People"/> applies, checked first so the page says why.</remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class AdministratorsOnlyAttribute : Attribute, IAuthorizationFilter
{
    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (context.HttpContext.GetActor() is not { IsAdmin: true })
        {
            context.Result = PageSupport.NotAllowedPage(context.HttpContext, "Only administrators manage people. Nothing was changed.");
        }
    }
}
