using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using SecComms.Web.Authentication;

namespace SecComms.Web.Pages.Incidents;

/// <summary>Answers 404 with the not-found page, on every handler, to anyone outside the security team.</summary>
/// <remarks>Incidents are confidential: to others they do not exist, so the pages say no more than the API does.</remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class SecurityTeamOnlyAttribute : Attribute, IAuthorizationFilter
{
    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (context.HttpContext.GetActor() is not { } actor || !Core.Incidents.Incidents.MaySee(actor))
        {
            context.Result = new PartialViewResult { ViewName = "_NotFound", StatusCode = StatusCodes.Status404NotFound };
        }
    }
}
