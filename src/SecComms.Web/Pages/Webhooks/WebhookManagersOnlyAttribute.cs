using Microsoft.AspNetCore.Mvc.Filters;
using SecComms.Web.Authentication;

namespace SecComms.Web.Pages.Webhooks;

/// <summary>Answers 403 with the reason, on every handler, to anyone who may not manage webhooks.</summary>
/// <remarks>The same rule as <see cref="Core.Distribution.Webhooks"/> applies, checked first so the page says why.</remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class WebhookManagersOnlyAttribute : Attribute, IAuthorizationFilter
{
    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (context.HttpContext.GetActor() is not { } actor || !Core.Distribution.Webhooks.MayManage(actor))
        {
            context.Result = PageSupport.NotAllowedPage(context.HttpContext,
                "Only members of the security team and administrators, with write access, manage webhooks. Nothing was changed.");
        }
    }
}
