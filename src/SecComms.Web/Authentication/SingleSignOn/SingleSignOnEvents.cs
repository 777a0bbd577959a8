using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using SecComms.Core.Identity.SingleSignOn;

namespace SecComms.Web.Authentication.SingleSignOn;

/// <summary>
/// Hands the provider's verified claims to <see cref="ProviderSignIn"/>, which decides, and turns its answer into the
/// cookie session a password sign-in starts, or back to the sign-in page with the reason.
/// </summary>
/// <remarks>The session lasts <see cref="SingleSignOnOptions.SessionLifetime"/> from now and is never extended: then the provider is asked again.</remarks>
internal sealed class SingleSignOnEvents(ProviderSignIn signIn, IOptions<SingleSignOnOptions> options, ILogger<SingleSignOnEvents> logger) : OpenIdConnectEvents
{
    /// <summary>The sign-in page's query parameter that names why the provider's sign-in did not let someone in.</summary>
    public const string RefusalParameter = "sso";

    public const string Failed = "failed";

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var claims = context.Principal ?? new ClaimsPrincipal();
        var subject = claims.FindFirst("sub");
        var identity = new ProviderIdentity(
            context.SecurityToken?.Issuer ?? subject?.Issuer ?? "",
            subject?.Value ?? "",
            claims.FindFirstValue("email"),
            string.Equals(claims.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase),
            claims.FindFirstValue("name"),
            [.. claims.FindAll(options.Value.GroupsClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal)],
            claims.FindFirstValue("sid"));
        var result = await signIn.SignInAsync(identity, context.HttpContext.RequestAborted);
        if (result.User is not { } user)
        {
            context.HandleResponse();
            context.Response.Redirect($"/signin?{RefusalParameter}={result.Refusal}");
            return;
        }
        var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        context.Principal = CookieSessions.Principal(user);
        context.Properties ??= new AuthenticationProperties();
        context.Properties.IsPersistent = false;
        context.Properties.AllowRefresh = false;
        context.Properties.IssuedUtc = now;
        context.Properties.ExpiresUtc = now + options.Value.SessionLifetime;
    }

    public override Task RemoteFailure(RemoteFailureContext context)
    {
        logger.LogWarning("A sign-in through {Provider} failed: {Problem}", options.Value.DisplayName, context.Failure?.Message);
        context.HandleResponse();
        context.Response.Redirect($"/signin?{RefusalParameter}={Failed}");
        return Task.CompletedTask;
    }
}
