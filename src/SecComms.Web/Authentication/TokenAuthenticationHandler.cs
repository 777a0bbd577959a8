using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SecComms.Core.Identity;

namespace SecComms.Web.Authentication;

/// <summary>Authenticates <c>Authorization: Bearer &lt;personal access token&gt;</c> and explains every refusal as ProblemDetails.</summary>
internal sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessTokens tokens,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <personal access token>'.");
        }
        var result = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (result is not { Check: TokenCheck.Valid, User: { } user })
        {
            return AuthenticateResult.Fail(result.Check switch
            {
                TokenCheck.Expired => "The access token has expired. Create a new one.",
                TokenCheck.Revoked => "The access token has been revoked.",
                _ => "The access token is not valid.",
            });
        }
        var actor = Actor.From(user);
        Context.SetActor(actor);
        var principal = ActorPrincipal.Create(actor, SchemeName);
        principal.Identities.First().AddClaim(new Claim(AuthPolicies.TokenExpiresClaim, result.ExpiresAt?.ToString("O", CultureInfo.InvariantCulture) ?? ""));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await WriteAsync(new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Authentication required",
            Detail = failure?.Message ?? "Send a personal access token: 'Authorization: Bearer <token>'.",
        });
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteAsync(new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Forbidden",
            Detail = "Your role or teams do not allow this.",
        });
    }

    private async Task WriteAsync(ProblemDetails problem) =>
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = problem });
}
