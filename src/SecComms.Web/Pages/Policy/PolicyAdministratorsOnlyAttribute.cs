using Microsoft.AspNetCore.Mvc.Filters;
using SecComms.Core.Policy;
using SecComms.Web.Authentication;

namespace SecComms.Web.Pages.Policy;

/// <summary>Answers 403 with the reason, on every handler, to anyone <see cref="PolicyVersions.MayReplace"/> turns away.</summary>
/// <remarks>Core refuses them in any case; checked first so the page says why and offers no form they cannot save.</remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class PolicyAdministratorsOnlyAttribute : Attribute, IAuthorizationFilter
{
    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (context.HttpContext.GetActor() is not { } actor || !PolicyVersions.MayReplace(actor))
        {
            context.Result = PageSupport.NotAllowedPage(context.HttpContext, "Only administrators change the policy. Nothing was changed.");
        }
    }
}
