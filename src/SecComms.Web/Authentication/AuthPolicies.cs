using Microsoft.AspNetCore.Authentication.Cookies;
using SecComms.Core.Audit;
using SecComms.Core.Identity;
using SecComms.Web.Authentication.SingleSignOn;

namespace SecComms.Web.Authentication;

public static class AuthPolicies
{
    /// <summary>Any person signed in with a personal access token.</summary>
    public const string Api = "api";
    /// <summary>Administrators, through a token.</summary>
    public const string ApiAdmin = "api-admin";
    /// <summary>Those <see cref="AuditLog.MayRead"/> admits (the security team), through a token: the audit trail names confidential work.</summary>
    public const string ApiAuditReader = "api-audit-reader";

    public const string TeamClaim = "seccomms:team";
    /// <summary>When the token behind an API request expires; a token it creates may not outlive it.</summary>
    public const string TokenExpiresClaim = "seccomms:token-expires";

    public static IServiceCollection AddSecCommsAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/signin";
                options.LogoutPath = "/signout";
                options.AccessDeniedPath = "/signin";
                options.Cookie.Name = "seccomms";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = CookieSessions.ValidateAsync;
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null)
            .AddSecCommsSingleSignOn(configuration);

        services.AddAuthorizationBuilder()
            .AddPolicy(Api, p => p.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(ApiAdmin, p => p.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName).RequireRole(nameof(UserRole.Admin)))
            .AddPolicy(ApiAuditReader, p => p.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName)
                .RequireAssertion(c => c.Resource is HttpContext http && http.GetActor() is { } actor && AuditLog.MayRead(actor)));

        services.AddScoped(provider => provider.GetRequiredService<IHttpContextAccessor>().HttpContext?.GetActor()
            ?? throw new InvalidOperationException("No one is signed in on this request."));
        return services;
    }
}
