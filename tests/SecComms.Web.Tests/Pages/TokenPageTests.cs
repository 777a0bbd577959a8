using System.Net;
using System.Text.RegularExpressions;
using SecComms.Testing;

namespace SecComms.Web.Tests.Pages;

public sealed partial class TokenPageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_new_token_is_shown_once_works_on_the_api_and_stops_when_revoked(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var session = await PageSession.AddAndSignInAsync(app, "alice@example.com", ["security"]);

        var created = await session.SubmitAsync("/tokens", new() { ["Name"] = "release script", ["ExpiresInDays"] = "30" }, action: "/tokens?handler=Create");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("no-store", created.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var html = await PageSession.TextAsync(created);
        Assert.Contains("Copy your new token now", html, StringComparison.Ordinal);
        var secret = Secret().Match(html).Groups[1].Value;
        Assert.StartsWith("scm_", secret, StringComparison.Ordinal);

        var api = app.ClientWithToken(secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);

        var list = await session.GetHtmlAsync("/tokens");
        Assert.Contains("release script", list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        Assert.Contains("2026-12-02 09:00 UTC", list, StringComparison.Ordinal);

        var revokeAction = RevokeForm().Match(list).Groups[1].Value;
        var unconfirmed = await session.SubmitAsync("/tokens", [], action: WebUtility.HtmlDecode(revokeAction));

        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Equal(1, Regex.Count(await PageSession.TextAsync(unconfirmed), Regex.Escape("Tick the box to confirm: revoking the token cannot be undone.")));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);

        var revoked = await session.SubmitAsync("/tokens", new() { ["Confirm"] = "true" }, action: WebUtility.HtmlDecode(revokeAction));

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var after = WebUtility.HtmlDecode(await session.GetHtmlAsync("/tokens"));
        Assert.Contains("The token \"release script\" is revoked.", after, StringComparison.Ordinal);
        Assert.Contains(">Revoked<", after, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_token_without_a_name_is_refused_beside_the_field(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var session = await PageSession.AddAndSignInAsync(app, "alice@example.com", ["security"]);

        var response = await session.SubmitAsync("/tokens", new() { ["Name"] = " ", ["ExpiresInDays"] = "9999" }, action: "/tokens?handler=Create");

        var html = await PageSession.TextAsync(response);
        Assert.Contains("name is required, so you can tell your tokens apart.", html, StringComparison.Ordinal);
        Assert.Contains("The number of days the token lasts must be between 1 and 366.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Copy your new token now", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("action=\"(/tokens\\?id=[0-9a-f-]+&amp;handler=Revoke)\">(?:(?!</form>)[\\s\\S])*<button[^>]*>Revoke<span class=\"visually-hidden\"> release script<")]
    private static partial Regex RevokeForm();

    [GeneratedRegex("id=\"new-token-secret\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Secret();
}
