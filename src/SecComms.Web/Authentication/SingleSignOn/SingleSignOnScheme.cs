using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using SecComms.Core.Identity.SingleSignOn;

namespace SecComms.Web.Authentication.SingleSignOn;

/// <summary>
/// The OpenID Connect handler for the one provider of <see cref="SingleSignOnOptions"/>: the authorization code flow with
/// PKCE, the state and nonce checked by the handler, no tokens kept. A sign-in it completes becomes the same cookie
/// session a password starts (<see cref="SingleSignOnEvents"/>).
/// </summary>
/// <remarks>
/// The provider answers with a redirect (<c>response_mode=query</c>) rather than a cross-site form post, so the handler's
/// correlation and nonce cookies can be <c>SameSite=Lax</c> and work over plain HTTP on a developer's machine too; PKCE
/// keeps the code in the address useless to anyone else. The front-channel sign-out path is off: the provider signs
/// people out here through the back channel only (<see cref="BackChannelLogout"/>).
/// </remarks>
public static class SingleSignOnScheme
{
    public const string Name = "SingleSignOn";

    public const string CallbackPath = "/signin-oidc";

    public const string StartPath = "/signin/provider";

    public const string BackChannelLogoutPath = "/signin-oidc/backchannel-logout";

    public static AuthenticationBuilder AddSecCommsSingleSignOn(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var settings = configuration.GetSection(SingleSignOnOptions.Section).Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        if (!settings.Enabled)
        {
            return authentication;
        }
        authentication.AddOpenIdConnect(Name, settings.DisplayName, _ => { });
        authentication.Services.AddOptions<OpenIdConnectOptions>(Name).Configure<IOptions<SingleSignOnOptions>>((options, sso) => Configure(options, sso.Value));
        authentication.Services.AddScoped<SingleSignOnEvents>();
        authentication.Services.AddScoped<BackChannelLogout>();
        return authentication;
    }

    private static void Configure(OpenIdConnectOptions options, SingleSignOnOptions sso)
    {
        options.Authority = sso.Authority;
        options.ClientId = sso.ClientId;
        options.ClientSecret = sso.ClientSecret;
        options.RequireHttpsMetadata = sso.RequireHttpsMetadata;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.Scope.Clear();
        foreach (var scope in sso.EffectiveScopes)
        {
            options.Scope.Add(scope);
        }
        options.SaveTokens = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.MapInboundClaims = false;
        options.DisableTelemetry = true;
        options.CallbackPath = CallbackPath;
        options.RemoteSignOutPath = PathString.Empty;
        options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.EventsType = typeof(SingleSignOnEvents);
    }
}
