using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SecComms.Core.Identity.SingleSignOn;

namespace SecComms.Web.Authentication.SingleSignOn;

/// <summary>Whom a valid logout token signs out: the provider's issuer, and its <c>sub</c>, its <c>sid</c> or both.</summary>
public sealed record LogoutNotice(string Issuer, string? Subject, string? SessionId);

/// <summary>
/// Checks a logout token as OpenID Connect Back-Channel Logout 1.0 (section 2.6) requires: a JWT signed with one of the
/// provider's keys from its metadata, issued by it to this client (<c>iss</c>, <c>aud</c>), with an <c>iat</c>, the
/// <c>events</c> claim naming <c>http://schemas.openid.net/event/backchannel-logout</c>, a <c>sub</c> or a <c>sid</c>,
/// and no <c>nonce</c> (so that an ID token is never taken for one).
/// </summary>
internal sealed class BackChannelLogout(IOptionsMonitor<OpenIdConnectOptions> schemes, IOptions<SingleSignOnOptions> options, TimeProvider time)
{
    public const string Event = "http://schemas.openid.net/event/backchannel-logout";

    /// <summary>How old a logout token may be; the provider sends it as the person signs out.</summary>
    private static readonly TimeSpan MaximumAge = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <returns>The person to sign out, or why the token is refused.</returns>
    public async Task<(LogoutNotice? Notice, string? Problem)> ReadAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return (null, "Send the logout token in the form field logout_token.");
        }
        var handler = new JsonWebTokenHandler();
        if (token.Length > 16_384 || !handler.CanReadToken(token))
        {
            return (null, "The logout token is not a JWT.");
        }
        var scheme = schemes.Get(SingleSignOnScheme.Name);
        var provider = await scheme.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = provider.Issuer,
            ValidAudience = options.Value.ClientId,
            IssuerSigningKeys = provider.SigningKeys,
            RequireSignedTokens = true,
            RequireExpirationTime = false,
            // Checked below on the host's clock, as iat is.
            ValidateLifetime = false,
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return (null, $"The logout token is not valid: {result.Exception?.Message ?? "unreadable"}");
        }
        if (jwt.TryGetHeaderValue<string>("typ", out var type) && type is not ("logout+jwt" or "JWT"))
        {
            return (null, $"A logout token's type is logout+jwt, not {type}.");
        }
        var now = time.GetUtcNow();
        if (!jwt.TryGetPayloadValue<long>("iat", out var issuedAt))
        {
            return (null, "The logout token has no iat.");
        }
        var issued = DateTimeOffset.FromUnixTimeSeconds(issuedAt);
        if (issued > now + ClockSkew || issued < now - MaximumAge)
        {
            return (null, "The logout token was not issued just now (iat).");
        }
        if (jwt.TryGetPayloadValue<long>("exp", out var expires) && DateTimeOffset.FromUnixTimeSeconds(expires) < now - ClockSkew)
        {
            return (null, "The logout token has expired (exp).");
        }
        if (!HasLogoutEvent(jwt))
        {
            return (null, $"The logout token's events claim does not name {Event}.");
        }
        if (jwt.TryGetPayloadValue<object>("nonce", out _))
        {
            return (null, "A logout token has no nonce.");
        }
        var subject = jwt.TryGetPayloadValue<string>("sub", out var sub) && !string.IsNullOrEmpty(sub) ? sub : null;
        var session = jwt.TryGetPayloadValue<string>("sid", out var sid) && !string.IsNullOrEmpty(sid) ? sid : null;
        if (subject is null && session is null)
        {
            return (null, "The logout token names neither a sub nor a sid.");
        }
        return (new LogoutNotice(jwt.Issuer, subject, session), null);
    }

    private static bool HasLogoutEvent(JsonWebToken jwt) =>
        jwt.TryGetPayloadValue<JsonElement>("events", out var events)
        && events.ValueKind == JsonValueKind.Object
        && events.TryGetProperty(Event, out var logout)
        && logout.ValueKind == JsonValueKind.Object;
}
