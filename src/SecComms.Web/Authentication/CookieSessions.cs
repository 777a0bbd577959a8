using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SecComms.Core.Identity;

namespace SecComms.Web.Authentication;

/// <summary>Re-reads the person behind a session cookie on each request, so a disabled account or a role change takes effect at once.</summary>
internal static class CookieSessions
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var users = context.HttpContext.RequestServices.GetRequiredService<UserDirectory>();
        var user = context.Principal?.UserId() is { } id ? await users.FindActiveAsync(id, context.HttpContext.RequestAborted) : null;
        if (user is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        var actor = Actor.From(user);
        context.HttpContext.SetActor(actor);
        context.ReplacePrincipal(ActorPrincipal.Create(actor, CookieAuthenticationDefaults.AuthenticationScheme));
    }
}
