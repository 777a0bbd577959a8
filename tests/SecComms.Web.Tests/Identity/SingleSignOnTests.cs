using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SecComms.Core.Data;
using SecComms.Core.Identity;
using SecComms.Testing;
using SecComms.Testing.SingleSignOn;
using SecComms.Web.Tests.Pages;

namespace SecComms.Web.Tests.Identity;

/// <summary>
/// Signing in through a real OpenID provider (oidc-provider on loopback), driven over HTTP step by step: groups at the
/// provider become teams at each sign-in, deactivated people stay out, the provider's back-channel logout ends a session
/// at once and a forged one changes nothing, and a tampered callback starts no session.
/// </summary>
public sealed partial class SingleSignOnTests
{
    private const string Password = "kim's provider passphrase";

    [Fact]
    public async Task A_changed_group_at_the_provider_takes_effect_at_the_next_sign_in_and_is_audited()
    {
        await using var world = await SingleSignOnWorld.StartAsync(new() { ["SingleSignOn:CreatePeople"] = "true" });
        await world.Provider.SetAccountAsync("kim", new ProviderAccount(Password, "kim@example.com", "Kim Kowalski", ["secops"]));

        using (var first = new ProviderBrowser(world.App.BaseAddress))
        {
            var landed = await first.SignInAsync("kim", Password);
            Assert.Equal("/signin/continue", landed.Url.AbsolutePath);
            var home = await first.OpenAsync(world.At("/"));
            Assert.Equal((200, "/"), (home.Status, home.Url.AbsolutePath));
            Assert.Contains("Kim Kowalski", home.Body, StringComparison.Ordinal);
            Assert.Contains(">Incidents<", home.Body, StringComparison.Ordinal);
        }
        Assert.Equal(["security"], await world.TeamsAsync("kim@example.com"));

        await world.Provider.SetAccountAsync("kim", new ProviderAccount(Password, "kim@example.com", "Kim Kowalski", ["legal-team"]));
        using (var second = new ProviderBrowser(world.App.BaseAddress))
        {
            await second.SignInAsync("kim", Password);
            var home = await second.OpenAsync(world.At("/"));
            Assert.Equal((200, "/"), (home.Status, home.Url.AbsolutePath));
            Assert.DoesNotContain(">Incidents<", home.Body, StringComparison.Ordinal);
        }

        Assert.Equal(["legal"], await world.TeamsAsync("kim@example.com"));
        await using var db = world.App.Database.CreateContext();
        var changed = await db.AuditEvents.SingleAsync(e => e.Action == "user.teams-changed");
        Assert.Equal("single-sign-on", changed.Actor);
        Assert.Contains("\"added\":[\"legal\"]", changed.Data, StringComparison.Ordinal);
        Assert.Contains("\"removed\":[\"security\"]", changed.Data, StringComparison.Ordinal);
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action == "user.signed-in"));
        Assert.NotNull(await db.Users.Where(u => u.Email == "kim@example.com").Select(u => u.LastSignInAt).SingleAsync());
    }

    [Fact]
    public async Task A_session_the_provider_started_lasts_the_session_lifetime_from_sign_in_and_is_never_extended()
    {
        await using var world = await SingleSignOnWorld.StartAsync(new()
        {
            ["SingleSignOn:CreatePeople"] = "true",
            ["SingleSignOn:SessionLifetime"] = "02:00:00",
        });
        await world.Provider.SetAccountAsync("kim", new ProviderAccount(Password, "kim@example.com", "Kim", ["secops"]));
        using var browser = new ProviderBrowser(world.App.BaseAddress);
        var before = DateTimeOffset.UtcNow;

        await browser.SignInAsync("kim", Password);
        var home = await browser.OpenAsync(world.At("/"));

        var cookie = browser.Cookies.GetCookies(world.At("/"))["seccomms"];
        Assert.NotNull(cookie);
        var ticket = world.App.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(CookieAuthenticationDefaults.AuthenticationScheme).TicketDataFormat.Unprotect(cookie.Value);
        Assert.NotNull(ticket);
        Assert.False(ticket.Properties.AllowRefresh);
        Assert.False(ticket.Properties.IsPersistent);
        // The cookie keeps its times to the whole second.
        Assert.InRange(ticket.Properties.ExpiresUtc!.Value - before, TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1), TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        Assert.Equal(ticket.Properties.IssuedUtc + TimeSpan.FromHours(2), ticket.Properties.ExpiresUtc);
        Assert.Equal("kim@example.com", ticket.Principal.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value);
        Assert.NotNull(ticket.Principal.FindFirst("seccomms:stamp"));
        Assert.Equal(200, home.Status);
    }

    [Fact]
    public async Task A_deactivated_person_is_refused_at_sign_in_through_the_provider()
    {
        await using var world = await SingleSignOnWorld.StartAsync();
        var admin = await world.App.WithServicesAsync(services => services.GetRequiredService<UserDirectory>().AddAsync(
            new NewUser("root@example.com", "Root", ["security"], UserRole.Admin, null), new TeamGrantor.InstallationOperator("test", "The test"), CancellationToken.None));
        var kim = await world.App.WithServicesAsync(services => services.GetRequiredService<UserDirectory>().AddAsync(
            new NewUser("kim@example.com", "Kim", ["security"], UserRole.Member, null), new TeamGrantor.InstallationOperator("test", "The test"), CancellationToken.None));
        await world.Provider.SetAccountAsync("kim", new ProviderAccount(Password, "kim@example.com", "Kim", ["secops"]));
        await world.App.WithServicesAsync(services => services.GetRequiredService<People>().DeactivateAsync(Actor.From(admin), kim.Id, CancellationToken.None));
        using var browser = new ProviderBrowser(world.App.BaseAddress);

        var refused = await browser.SignInAsync("kim", Password);

        Assert.Equal(("/signin", 200), (refused.Url.AbsolutePath, refused.Status));
        Assert.Contains("Your SecComms account is deactivated", refused.Body, StringComparison.Ordinal);
        Assert.Equal(302, (await browser.PeekAsync(world.At("/"))).Status);
        await using var db = world.App.Database.CreateContext();
        Assert.Null(await db.Users.Where(u => u.Id == kim.Id).Select(u => u.ProviderSubject).SingleAsync());
    }

    [Fact]
    public async Task The_provider_back_channel_logout_ends_the_session_at_once()
    {
        await using var world = await SingleSignOnWorld.StartAsync(new() { ["SingleSignOn:CreatePeople"] = "true" });
        await world.Provider.SetAccountAsync("kim", new ProviderAccount(Password, "kim@example.com", "Kim", ["secops"]));
        using var browser = new ProviderBrowser(world.App.BaseAddress);
        await browser.SignInAsync("kim", Password);
        Assert.Equal(200, (await browser.PeekAsync(world.At("/"))).Status);

        var confirm = await browser.OpenAsync(new Uri(world.Provider.Issuer, $"/session/end?client_id={OpenIdProvider.ClientId}"));
        var xsrf = Xsrf().Match(confirm.Body).Groups[1].Value;
        var done = await browser.PostAsync(new Uri(world.Provider.Issuer, "/session/end/confirm"),
            new Dictionary<string, string> { ["xsrf"] = xsrf, ["logout"] = "yes" });

        Assert.Equal(200, done.Status);
        var (status, location) = await browser.PeekAsync(world.At("/"));
        Assert.True(status == 302, $"Still signed in after the provider's logout. The provider wrote: {world.Provider.Output}");
        Assert.Equal("/signin", location?.AbsolutePath);
        await using var db = world.App.Database.CreateContext();
        var ended = await db.AuditEvents.SingleAsync(e => e.Action == "user.sessions-ended");
        Assert.Equal("single-sign-on", ended.Actor);
    }

    [Fact]
    public async Task A_forged_or_invalid_logout_token_is_refused_with_400_and_ends_no_session()
    {
        await using var world = await SingleSignOnWorld.StartAsync(new() { ["SingleSignOn:CreatePeople"] = "true" });
        await world.Provider.SetAccountAsync("kim", new ProviderAccount(Password, "kim@example.com", "Kim", ["secops"]));
        using var browser = new ProviderBrowser(world.App.BaseAddress);
        await browser.SignInAsync("kim", Password);
        await using var db = world.App.Database.CreateContext();
        var kim = await db.Users.AsNoTracking().SingleAsync(u => u.Email == "kim@example.com");
        Assert.NotNull(kim.ProviderSessionId);
        var issuer = world.Provider.Issuer.AbsoluteUri.TrimEnd('/');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Dictionary<string, object> Claims() => new()
        {
            ["iss"] = issuer,
            ["aud"] = OpenIdProvider.ClientId,
            ["iat"] = now,
            ["exp"] = now + 120,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["sub"] = "kim",
            ["events"] = new Dictionary<string, object> { ["http://schemas.openid.net/event/backchannel-logout"] = new { } },
        };
        using var forgedKey = RSA.Create(2048);
        var forged = new JsonWebTokenHandler().CreateToken(JsonSerializer.Serialize(Claims()),
            new SigningCredentials(new RsaSecurityKey(forgedKey) { KeyId = "forged" }, SecurityAlgorithms.RsaSha256));
        var bad = new Dictionary<string, string?>
        {
            ["missing"] = null,
            ["not a JWT"] = "not-a-token",
            ["signed with another key"] = forged,
            ["unsigned"] = Unsigned(Claims()),
            ["for another client"] = await world.Provider.SignAsync(With(Claims(), "aud", "another-client")),
            ["from another issuer"] = await world.Provider.SignAsync(With(Claims(), "iss", "http://127.0.0.1:1")),
            ["without the logout event"] = await world.Provider.SignAsync(Without(Claims(), "events")),
            ["with another event"] = await world.Provider.SignAsync(With(Claims(), "events", new Dictionary<string, object> { ["http://example.com/other"] = new { } })),
            ["with a nonce"] = await world.Provider.SignAsync(With(Claims(), "nonce", "n-0S6_WzA2Mj")),
            ["naming no one"] = await world.Provider.SignAsync(Without(Claims(), "sub")),
            ["issued an hour ago"] = await world.Provider.SignAsync(With(With(Claims(), "iat", now - 3600), "exp", now - 3480)),
            ["without iat"] = await world.Provider.SignAsync(Without(Claims(), "iat")),
        };
        using var http = new HttpClient();

        foreach (var (why, token) in bad)
        {
            using var response = await http.PostAsync(world.At("/signin-oidc/backchannel-logout"),
                new FormUrlEncodedContent(token is null ? [] : new Dictionary<string, string> { ["logout_token"] = token }));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"A logout token {why} was answered {(int)response.StatusCode}.");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(200, (await browser.PeekAsync(world.At("/"))).Status);
        Assert.Equal(kim.SecurityStamp, await db.Users.Where(u => u.Id == kim.Id).Select(u => u.SecurityStamp).SingleAsync());
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == "user.sessions-ended"));

        using var valid = await http.PostAsync(world.At("/signin-oidc/backchannel-logout"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["logout_token"] = await world.Provider.SignAsync(With(Without(Claims(), "sub"), "sid", kim.ProviderSessionId!)),
        }));
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(302, (await browser.PeekAsync(world.At("/"))).Status);
    }

    [Fact]
    public async Task A_callback_with_a_wrong_state_or_an_id_token_with_another_nonce_starts_no_session()
    {
        await using var world = await SingleSignOnWorld.StartAsync(new() { ["SingleSignOn:CreatePeople"] = "true" });
        await world.Provider.SetAccountAsync("kim", new ProviderAccount(Password, "kim@example.com", "Kim", ["secops"]));
        var callbackPath = world.At("/signin-oidc");

        using (var tampered = new ProviderBrowser(world.App.BaseAddress))
        {
            var callback = await tampered.SignInUpToCallbackAsync("kim", Password);
            var badState = StateParameter().Replace(callback.AbsoluteUri, "state=CfDJ8-forged-state");
            var refused = await tampered.OpenAsync(new Uri(badState));
            Assert.Equal("/signin", refused.Url.AbsolutePath);
            Assert.Contains("did not complete", refused.Body, StringComparison.Ordinal);
            Assert.Equal(302, (await tampered.PeekAsync(world.At("/"))).Status);
        }

        // Two sign-ins started in two browsers: the first browser is handed the second's answer with the second's state
        // (its correlation cookie), but its own nonce, so the ID token's nonce is not one it asked for.
        using (var victim = new ProviderBrowser(world.App.BaseAddress))
        using (var other = new ProviderBrowser(world.App.BaseAddress))
        {
            await victim.OpenAsync(world.At("/signin/provider?returnUrl=%2F"));
            var callback = await other.SignInUpToCallbackAsync("kim", Password);
            Copy(other.Cookies, victim.Cookies, callbackPath, ".AspNetCore.Correlation.");
            var refused = await victim.OpenAsync(callback);
            Assert.Equal("/signin", refused.Url.AbsolutePath);
            Assert.Equal(302, (await victim.PeekAsync(world.At("/"))).Status);
        }

        // The same hand-over with the nonce cookie too is let in: it was the nonce that refused the one above.
        using (var victim = new ProviderBrowser(world.App.BaseAddress))
        using (var other = new ProviderBrowser(world.App.BaseAddress))
        {
            await victim.OpenAsync(world.At("/signin/provider?returnUrl=%2F"));
            var callback = await other.SignInUpToCallbackAsync("kim", Password);
            Copy(other.Cookies, victim.Cookies, callbackPath, ".AspNetCore.Correlation.");
            Copy(other.Cookies, victim.Cookies, callbackPath, ".AspNetCore.OpenIdConnect.Nonce.");
            var landed = await victim.OpenAsync(callback);
            Assert.Equal("/signin/continue", landed.Url.AbsolutePath);
            Assert.Equal(200, (await victim.PeekAsync(world.At("/"))).Status);
        }
    }

    [Fact]
    public async Task With_local_passwords_off_the_sign_in_page_has_only_the_provider_and_a_password_post_is_refused()
    {
        await using var world = await SingleSignOnWorld.StartAsync(new() { ["SingleSignOn:LocalPasswords"] = "false" });
        await world.App.AddUserAsync("ada@example.com", "Ada", ["security"], "correct horse battery staple");
        using var browser = new ProviderBrowser(world.App.BaseAddress);

        var page = await browser.OpenAsync(world.At("/signin"));
        var (cookie, token) = AntiforgeryFor(world.App);
        browser.Cookies.Add(world.At("/"), new Cookie(cookie.Name, cookie.Value, "/"));
        var posted = await browser.PostAsync(world.At("/signin"), new Dictionary<string, string>
        {
            ["Email"] = "ada@example.com",
            ["Password"] = "correct horse battery staple",
            ["__RequestVerificationToken"] = token,
        });

        Assert.Contains($"Sign in with {OpenIdProvider.DisplayName}", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"password\"", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<form method=\"post\"", page.Body, StringComparison.Ordinal);
        Assert.Equal(403, posted.Status);
        Assert.Contains("Password sign-in is turned off", posted.Body, StringComparison.Ordinal);
        Assert.Equal(302, (await browser.PeekAsync(world.At("/"))).Status);
    }

    [Fact]
    public async Task The_host_refuses_to_start_with_single_sign_on_settings_that_cannot_work()
    {
        var incomplete = await Assert.ThrowsAsync<OptionsValidationException>(() => SecCommsApp.StartAsync(DatabaseOptions.Sqlite, new Dictionary<string, string?>
        {
            ["SingleSignOn:Authority"] = "http://127.0.0.1:1",
            ["SingleSignOn:SessionLifetime"] = "00:00:00",
            ["SingleSignOn:Groups:0:Teams:0"] = "security",
        }));
        var nobody = await Assert.ThrowsAsync<OptionsValidationException>(() => SecCommsApp.StartAsync(DatabaseOptions.Sqlite, new Dictionary<string, string?>
        {
            ["SingleSignOn:LocalPasswords"] = "false",
        }));

        Assert.Contains("SingleSignOn:Authority must use https ('http://127.0.0.1:1')", incomplete.Message, StringComparison.Ordinal);
        Assert.Contains("SingleSignOn:ClientId is required", incomplete.Message, StringComparison.Ordinal);
        Assert.Contains("SingleSignOn:ClientSecret is required", incomplete.Message, StringComparison.Ordinal);
        Assert.Contains("SingleSignOn:Groups:0:Group is required", incomplete.Message, StringComparison.Ordinal);
        Assert.Contains("SingleSignOn:SessionLifetime must be longer than zero", incomplete.Message, StringComparison.Ordinal);
        Assert.Contains("SingleSignOn:LocalPasswords is false but SingleSignOn:Authority is not set", nobody.Message, StringComparison.Ordinal);
    }

    /// <summary>An antiforgery cookie and the form token that goes with it, for a visitor not signed in, as a form would carry them.</summary>
    private static ((string Name, string Value) Cookie, string Token) AntiforgeryFor(LiveSecCommsApp app)
    {
        var context = new DefaultHttpContext { RequestServices = app.Services };
        var tokens = app.Services.GetRequiredService<IAntiforgery>().GetTokens(context);
        var name = app.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name!;
        return ((name, tokens.CookieToken!), tokens.RequestToken!);
    }

    private static void Copy(CookieContainer from, CookieContainer to, Uri at, string prefix)
    {
        var copied = 0;
        foreach (Cookie cookie in from.GetCookies(at))
        {
            if (cookie.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                to.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
                copied++;
            }
        }
        Assert.True(copied == 1, $"Expected one {prefix} cookie, found {copied}.");
    }

    private static Dictionary<string, object> With(Dictionary<string, object> claims, string name, object value)
    {
        claims[name] = value;
        return claims;
    }

    private static Dictionary<string, object> Without(Dictionary<string, object> claims, string name)
    {
        claims.Remove(name);
        return claims;
    }

    private static string Unsigned(Dictionary<string, object> claims) =>
        $"{Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"logout+jwt\"}")}.{Base64UrlEncoder.Encode(JsonSerializer.Serialize(claims))}.";

    [GeneratedRegex("name=\"xsrf\" value=\"([^\"]+)\"")]
    private static partial Regex Xsrf();

    [GeneratedRegex("state=[^&]+")]
    private static partial Regex StateParameter();
}
