using Microsoft.AspNetCore.Mvc.Filters;
using SecComms.Core.Audit;
using SecComms.Web.Authentication;

namespace SecComms.Web.Pages.Audit;

/// <summary>Answers 403 with the reason, on every handler, to anyone <see cref="AuditLog.MayRead"/> turns away.</summary>
/// <remarks>Core refuses them in any case; checked first so the page says why, as the API's 403 does.</remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class AuditReadersOnlyAttribute : Attribute, IAuthorizationFilter
{
    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (context.HttpContext.GetActor() is not { } actor || !AuditLog.MayRead(actor))
        {
            context.Result = PageSupport.NotAllowedPage(context.HttpContext,
                "Only the security team reads the audit trail, administrators outside it included: it names confidential work.");
        }
    }
}
