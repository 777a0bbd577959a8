using Microsoft.AspNetCore.Mvc.Filters;
using SecComms.Core.Distribution;
using SecComms.Web.Authentication;

namespace SecComms.Web.Pages.Audiences;

/// <summary>Answers 403 with the reason, on every handler, to anyone who may not see customer contacts.</summary>
/// <remarks>Contacts are customers' personal data: the pages show them only to those <see cref="AudienceAccess"/> allows.</remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class AudienceReadersOnlyAttribute : Attribute, IAuthorizationFilter
{
    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var access = context.HttpContext.RequestServices.GetRequiredService<AudienceAccess>();
        if (context.HttpContext.GetActor() is not { } actor || !access.CanRead(actor))
        {
            context.Result = PageSupport.NotAllowedPage(context.HttpContext,
                "Customer contacts are personal data: only administrators and the teams that manage audiences see them. Nothing was changed.");
        }
    }
}
