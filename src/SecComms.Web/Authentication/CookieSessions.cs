using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SecComms.Core.Identity;

namespace SecComms.Web.Authentication;

/// <summary>
/// Re-reads the person behind a session cookie on each request, so a deactivation, a new password or a role change takes
/// effect at once: <see cref="User.AcceptsSession"/> decides whether the cookie still stands.
/// </summary>
internal static class CookieSessions
{
    /// <summary>What a session cookie carries of a person whose identity was just proven, by a password or the provider.</summary>
    public static ClaimsPrincipal Principal(User user) =>
        ActorPrincipal.Create(Actor.From(user), CookieAuthenticationDefaults.AuthenticationScheme, user.SecurityStamp);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var users = context.HttpContext.RequestServices.GetRequiredService<UserDirectory>();
        var user = context.Principal?.UserId() is { } id ? await users.FindActiveAsync(id, context.HttpContext.RequestAborted) : null;
        var stamp = context.Principal?.FindFirstValue(ActorPrincipal.SecurityStampClaim);
        if (user is null || !user.AcceptsSession(stamp))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        var actor = Actor.From(user);
        context.HttpContext.SetActor(actor);
        context.ReplacePrincipal(ActorPrincipal.Create(actor, CookieAuthenticationDefaults.AuthenticationScheme, user.SecurityStamp));
    }
}
