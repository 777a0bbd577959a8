using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Identity;
using SecComms.Testing;
using SecComms.Web.Tests.Identity;
using SecComms.Web.Tests.Notifications;

namespace SecComms.Web.Tests.Pages;

public sealed partial class PeoplePageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_administrator_invites_someone_on_the_page_and_sees_the_link_once(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        await app.AddUserAsync("ada@example.com", ["security", "legal"], UserRole.Admin, PageSession.Password);
        var ada = await PageSession.SignInAsync(app, "ada@example.com");
        Assert.Contains("href=\"/people\"", await ada.GetHtmlAsync("/"), StringComparison.Ordinal);

        var invited = await ada.SubmitAsync("/people", new()
        {
            ["Person.Email"] = "nia@example.com",
            ["Person.Name"] = "Nia Novak",
            ["Person.Role"] = "Member",
            ["Person.Teams"] = "legal",
            ["Person.Invite"] = "true",
        }, action: "/people?handler=Add");

        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        Assert.Contains("no-store", invited.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var html = await PageSession.TextAsync(invited);
        Assert.Contains("Copy the invitation link now", html, StringComparison.Ordinal);
        Assert.Contains("It was also emailed to them.", html, StringComparison.Ordinal);
        var link = Link().Match(html).Groups[1].Value;
        Assert.StartsWith("http://localhost/account/set-password?token=", link, StringComparison.Ordinal);
        var letter = Assert.Single(await app.ReadMailAsync(), m => m.To == "nia@example.com");
        Assert.Contains(link, letter.Body, StringComparison.Ordinal);

        var list = WebUtility.HtmlDecode(await ada.GetHtmlAsync("/people"));
        Assert.DoesNotContain(link, list, StringComparison.Ordinal);
        var row = Row(list, "nia@example.com");
        Assert.Matches(">Nia Novak</a></td>\\s*<td>nia@example.com</td>\\s*<td>Person</td>\\s*<td>Member</td>\\s*<td>legal</td>", row);
        Assert.Contains(">Active</span>", row, StringComparison.Ordinal);
        Assert.Contains("invited", row, StringComparison.Ordinal);
        Assert.Contains("Never", row, StringComparison.Ordinal);
        Assert.Contains("2026-11-02 09:00 UTC", Row(list, "ada@example.com"), StringComparison.Ordinal);

        await PeopleApi.SetPasswordAsync(app, new Uri(link).PathAndQuery, "a brand new passphrase");
        Assert.True(await PeopleApi.SignsInAsync(app, "nia@example.com", "a brand new passphrase"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task On_a_persons_page_an_administrator_changes_their_teams_resets_their_password_and_deactivates_and_reactivates_them(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var adaUser = await app.AddUserAsync("ada@example.com", ["security", "legal"], UserRole.Admin, PageSession.Password);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"], password: PageSession.Password);
        var ada = await PageSession.SignInAsync(app, "ada@example.com");
        var leeBrowser = await PageSession.SignInAsync(app, "lee@example.com");
        var page = $"/people/{lee.Id}";

        var changed = await ada.SubmitAsync(page, new() { ["Role"] = "Viewer", ["Teams"] = "security" }, action: $"{page}?handler=Change");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("lee is now viewer with teams security.", WebUtility.HtmlDecode(await ada.GetHtmlAsync(page)), StringComparison.Ordinal);

        var reset = await ada.SubmitAsync(page, [], action: $"{page}?handler=ResetPassword");
        var resetHtml = await PageSession.TextAsync(reset);
        Assert.Contains("Copy the password reset link now", resetHtml, StringComparison.Ordinal);
        Assert.Contains("no-store", reset.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Link().Match(resetHtml).Groups[1].Value, await ada.GetHtmlAsync(page), StringComparison.Ordinal);

        var deactivated = await ada.SubmitAsync(page, [], action: $"{page}?handler=Deactivate");
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        var after = WebUtility.HtmlDecode(await ada.GetHtmlAsync(page));
        Assert.Contains("lee is deactivated: their sessions ended and their tokens are revoked.", after, StringComparison.Ordinal);
        Assert.Contains("Reactivate lee", after, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await leeBrowser.Client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await lee.Client.GetAsync("/api/v1/me")).StatusCode);

        var reactivated = await ada.SubmitAsync(page, [], action: $"{page}?handler=Reactivate");
        Assert.Equal(HttpStatusCode.Redirect, reactivated.StatusCode);
        Assert.Contains("lee is active again.", WebUtility.HtmlDecode(await ada.GetHtmlAsync(page)), StringComparison.Ordinal);

        var own = WebUtility.HtmlDecode(await ada.GetHtmlAsync($"/people/{adaUser.Id}"));
        Assert.Contains("You cannot deactivate yourself: ask another administrator.", own, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Deactivate", own, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_refused_change_shows_the_reason_on_the_page_and_changes_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        await app.AddUserAsync("lena@example.com", ["legal"], UserRole.Admin, PageSession.Password);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var lena = await PageSession.SignInAsync(app, "lena@example.com");
        var before = await app.SnapshotAsync();

        var invite = await lena.SubmitAsync("/people", new() { ["Person.Email"] = "x", ["Person.Name"] = "Mal", ["Person.Teams"] = "security" },
            action: "/people?handler=Add");
        var page = WebUtility.HtmlDecode(await lena.GetHtmlAsync($"/people/{alice.Id}"));

        Assert.Equal(HttpStatusCode.OK, invite.StatusCode);
        Assert.Contains("email must be an email address.", await PageSession.TextAsync(invite), StringComparison.Ordinal);
        Assert.Contains("Resetting the password of alice gives whoever receives it their teams, and you are not in security", page, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=ResetPassword", page, StringComparison.Ordinal);
        Assert.Matches("id=\"team-security\"[^>]*checked=\"checked\"", page);
        Assert.Matches("id=\"team-product\"[^>]*disabled=\"disabled\"", page);
        Assert.Equal(before with { Events = (await app.SnapshotAsync()).Events }, await app.SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_service_account_added_on_the_page_gets_a_token_shown_once_which_is_revoked_there(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        await app.AddUserAsync("ada@example.com", ["security"], UserRole.Admin, PageSession.Password);
        var ada = await PageSession.SignInAsync(app, "ada@example.com");

        var added = await ada.SubmitAsync("/people", new()
        {
            ["Account.Email"] = "bot@example.com",
            ["Account.Name"] = "Release pipeline",
            ["Account.Role"] = "Member",
            ["Account.Teams"] = "security",
        }, action: "/people?handler=ServiceAccount");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var page = added.Headers.Location!.OriginalString;
        var issued = await ada.SubmitAsync(page, new() { ["TokenName"] = "ci", ["ExpiresInDays"] = "30" }, action: $"{page}?handler=IssueToken");
        var html = await PageSession.TextAsync(issued);
        var secret = Secret().Match(html).Groups[1].Value;

        Assert.Contains("Copy the new token now", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientWithToken(secret).GetAsync("/api/v1/me")).StatusCode);
        var list = await ada.GetHtmlAsync(page);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=ResetPassword", list, StringComparison.Ordinal);
        var tokenId = TokenId().Match(list).Groups[1].Value;
        var unconfirmed = await ada.SubmitAsync(page, new() { ["tokenId"] = tokenId }, action: $"{page}?handler=RevokeToken");
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Tick the box to confirm: revoking the token cannot be undone.", await PageSession.TextAsync(unconfirmed), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientWithToken(secret).GetAsync("/api/v1/me")).StatusCode);
        var revoked = await ada.SubmitAsync(page, new() { ["tokenId"] = tokenId, ["Confirm"] = "true" }, action: $"{page}?handler=RevokeToken");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Contains("The token \"ci\" is revoked.", WebUtility.HtmlDecode(await ada.GetHtmlAsync(page)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ClientWithToken(secret).GetAsync("/api/v1/me")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_set_password_page_needs_its_antiforgery_token_and_two_matching_passwords_before_it_uses_the_link(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var ada = await app.AddUserAsync("ada@example.com", ["security"], UserRole.Admin);
        var path = PeopleApi.LinkPath(await PeopleApi.InviteAsync(ada.Client, "nia@example.com", ["security"]));
        var token = PeopleApi.Token(path);
        var browser = PageSession.Anonymous(app);

        var forged = await browser.Client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Token"] = token,
            ["Password"] = "a brand new passphrase",
            ["ConfirmPassword"] = "a brand new passphrase",
        }));
        var mismatch = await browser.SubmitAsync(path, new() { ["Token"] = token, ["Password"] = "a brand new passphrase", ["ConfirmPassword"] = "another one" });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("The two passwords are not the same.", await PageSession.TextAsync(mismatch), StringComparison.Ordinal);
        await using (var db = app.Database.CreateContext())
        {
            Assert.Null((await db.Users.SingleAsync(u => u.Email == "nia@example.com")).PasswordHash);
        }
        Assert.Contains("Your password is set.", await PeopleApi.SetPasswordAsync(app, path, "a brand new passphrase"), StringComparison.Ordinal);
    }

    private static string Row(string html, string email)
    {
        var at = html.IndexOf($"<td>{email}</td>", StringComparison.Ordinal);
        var start = html.LastIndexOf("<tr", at, StringComparison.Ordinal);
        return html[start..html.IndexOf("</tr>", at, StringComparison.Ordinal)];
    }

    [GeneratedRegex("id=\"password-link\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Link();

    [GeneratedRegex("id=\"new-token-secret\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Secret();

    [GeneratedRegex("name=\"tokenId\" value=\"([0-9a-f-]+)\"")]
    private static partial Regex TokenId();
}
