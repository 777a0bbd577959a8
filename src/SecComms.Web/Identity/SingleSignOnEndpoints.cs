using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SecComms.Core.Identity.SingleSignOn;
using SecComms.Web.Authentication.SingleSignOn;

namespace SecComms.Web.Identity;

/// <summary>
/// Starting a sign-in through the single sign-on provider, and the provider's back-channel logout. Both are open to
/// anyone by design: the first only sends the browser to the provider, the second is called by the provider itself and
/// acts only on a logout token signed with its keys. Without a provider configured both answer 404.
/// </summary>
public static class SingleSignOnEndpoints
{
    public static IEndpointRouteBuilder MapSingleSignOnEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(SingleSignOnScheme.StartPath, Start).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(SingleSignOnScheme.BackChannelLogoutPath, LogoutAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    /// <summary>Sends the browser to the provider; after signing in there it comes back to <paramref name="returnUrl"/> (a local address).</summary>
    private static Results<ChallengeHttpResult, NotFound> Start(string? returnUrl, IOptions<SingleSignOnOptions> options)
    {
        if (!options.Value.Enabled)
        {
            return TypedResults.NotFound();
        }
        var target = IsLocal(returnUrl) ? returnUrl! : "/";
        return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = $"/signin/continue?returnUrl={Uri.EscapeDataString(target)}" },
            [SingleSignOnScheme.Name]);
    }

    /// <remarks>
    /// Ends every session of the person at once (a new security stamp, which <c>CookieSessions</c> checks on each request)
    /// and answers 200; a token that fails any check changes nothing and is answered 400.
    /// </remarks>
    private static async Task<IResult> LogoutAsync(HttpContext http, IOptions<SingleSignOnOptions> options, ILogger<BackChannelLogout> logger,
        CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (!options.Value.Enabled)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "Single sign-on is not configured.");
        }
        var token = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(cancellationToken))["logout_token"].ToString() : null;
        var (notice, problem) = await http.RequestServices.GetRequiredService<BackChannelLogout>().ReadAsync(token, cancellationToken);
        if (notice is null)
        {
            logger.LogWarning("A back-channel logout was refused: {Problem}", problem);
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid logout token", detail: problem);
        }
        var signedOut = await http.RequestServices.GetRequiredService<ProviderSignIn>()
            .EndSessionsAsync(notice.Issuer, notice.Subject, notice.SessionId, cancellationToken);
        logger.LogInformation("The provider signed out {Subject} (session {Session}): {Count} people's sessions ended", notice.Subject, notice.SessionId, signedOut);
        return TypedResults.Ok();
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);
}
