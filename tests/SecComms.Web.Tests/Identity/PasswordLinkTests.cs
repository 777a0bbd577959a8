using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Identity;
using SecComms.Testing;
using SecComms.Web.Tests.Distribution;
using SecComms.Web.Tests.Notifications;
using SecComms.Web.Tests.Pages;

namespace SecComms.Web.Tests.Identity;

public sealed class PasswordLinkTests
{
    private const string Chosen = "a brand new passphrase";

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_invitation_is_emailed_sets_a_password_once_and_is_refused_the_second_time(string provider)
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var app = await SecCommsApp.StartAsync(provider, DistributionApi.SmtpSettings(smtp.Port));
        var ada = await app.AddUserAsync("ada@example.com", ["security"], UserRole.Admin);

        var invited = await (await ada.Client.PostAsJsonAsync("/api/v1/people", new { email = "nia@example.com", name = "Nia Novak", teams = new[] { "security" } }))
            .JsonAsync(HttpStatusCode.Created);

        var link = invited.GetProperty("link");
        var url = link.GetProperty("url").GetString()!;
        Assert.StartsWith("https://seccomms.example.com/account/set-password?token=", url, StringComparison.Ordinal);
        Assert.True(link.GetProperty("emailed").GetBoolean());
        Assert.Equal(app.Time.GetUtcNow().AddHours(72), link.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.False(invited.GetProperty("details").Person().GetProperty("hasPassword").GetBoolean());
        var letter = Assert.Single(smtp.Received, m => m.To.Contains("nia@example.com")).Message;
        Assert.Equal("You are invited to SecComms", letter.Subject);
        Assert.Contains(url, letter.TextBody, StringComparison.Ordinal);
        Assert.Contains("ada (ada@example.com) added you to SecComms", letter.TextBody, StringComparison.Ordinal);
        var path = PeopleApi.LinkPath(invited);
        await AssertStoredOnlyHashedAsync(app, PeopleApi.Token(path));

        var form = WebUtility.HtmlDecode(await PageSession.Anonymous(app).GetHtmlAsync(path));
        Assert.Contains("Welcome, Nia Novak.", form, StringComparison.Ordinal);
        var done = await PeopleApi.SetPasswordAsync(app, path, Chosen);

        Assert.Contains("Your password is set.", done, StringComparison.Ordinal);
        Assert.True(await PeopleApi.SignsInAsync(app, "nia@example.com", Chosen));
        var again = await PeopleApi.SetPasswordAsync(app, path, "someone else's passphrase");
        Assert.Contains(PasswordLinks.Unusable, again, StringComparison.Ordinal);
        Assert.DoesNotContain("Your password is set.", again, StringComparison.Ordinal);
        Assert.Contains(PasswordLinks.Unusable, WebUtility.HtmlDecode(await PageSession.Anonymous(app).GetHtmlAsync(path)), StringComparison.Ordinal);
        Assert.False(await PeopleApi.SignsInAsync(app, "nia@example.com", "someone else's passphrase"));
        await using var db = app.Database.CreateContext();
        var set = await db.AuditEvents.SingleAsync(e => e.Action == "user.password-set");
        Assert.Equal(("nia@example.com", "{\"purpose\":\"invitation\"}"), (set.Actor, set.Data));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_link_is_refused_after_72_hours_in_the_same_words_as_a_used_or_unknown_one(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var ada = await app.AddUserAsync("ada@example.com", ["security"], UserRole.Admin);
        var path = PeopleApi.LinkPath(await PeopleApi.InviteAsync(ada.Client, "nia@example.com", ["security"]));

        app.Time.Advance(TimeSpan.FromHours(72) - TimeSpan.FromMinutes(1));
        Assert.Contains("Choose the password you will sign in with", await PageSession.Anonymous(app).GetHtmlAsync(path), StringComparison.Ordinal);
        app.Time.Advance(TimeSpan.FromMinutes(1));

        var expired = WebUtility.HtmlDecode(await PageSession.Anonymous(app).GetHtmlAsync(path));
        var posted = await PeopleApi.SetPasswordAsync(app, path, Chosen);
        var unknown = WebUtility.HtmlDecode(await PageSession.Anonymous(app).GetHtmlAsync("/account/set-password?token=" + new string('x', 43)));
        var none = WebUtility.HtmlDecode(await PageSession.Anonymous(app).GetHtmlAsync("/account/set-password"));

        Assert.All(new[] { expired, posted, unknown, none }, page => Assert.Contains(PasswordLinks.Unusable, page, StringComparison.Ordinal));
        Assert.Equal(MainPart(unknown), MainPart(expired));
        Assert.False(await PeopleApi.SignsInAsync(app, "nia@example.com", Chosen));
        await using var db = app.Database.CreateContext();
        Assert.Null((await db.Users.SingleAsync(u => u.Email == "nia@example.com")).PasswordHash);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_reset_link_replaces_the_password_once_ends_every_open_session_and_signs_no_one_in(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var ada = await app.AddUserAsync("ada@example.com", ["security", "legal"], UserRole.Admin);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"], password: PageSession.Password);
        var before = await PageSession.SignInAsync(app, "lee@example.com");

        var reset = await (await ada.Client.PostAsync($"/api/v1/people/{lee.Id}/reset-password", null)).JsonAsync();
        var path = PeopleApi.LinkPath(reset);

        var letter = Assert.Single(await app.ReadMailAsync(), m => m.To == "lee@example.com");
        Assert.Equal("Choose a new SecComms password", letter.Subject);
        Assert.Contains(reset.GetProperty("link").GetProperty("url").GetString()!, letter.Body, StringComparison.Ordinal);
        Assert.True(await PeopleApi.SignsInAsync(app, "lee@example.com", PageSession.Password));
        var during = await PageSession.SignInAsync(app, "lee@example.com");

        var tooShort = await PeopleApi.SetPasswordAsync(app, path, "short");
        Assert.Contains("password must be at least 12 characters.", tooShort, StringComparison.Ordinal);
        var done = await PeopleApi.SetPasswordAsync(app, path, Chosen);

        Assert.Contains("Your password is set.", done, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await before.Client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await during.Client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lee.Client.GetAsync("/api/v1/me")).StatusCode);
        Assert.False(await PeopleApi.SignsInAsync(app, "lee@example.com", PageSession.Password));
        Assert.True(await PeopleApi.SignsInAsync(app, "lee@example.com", Chosen));
        Assert.Contains(PasswordLinks.Unusable, await PeopleApi.SetPasswordAsync(app, path, "yet another passphrase"), StringComparison.Ordinal);

        var later = PeopleApi.LinkPath(await (await ada.Client.PostAsync($"/api/v1/people/{lee.Id}/reset-password", null)).JsonAsync());
        var newest = PeopleApi.LinkPath(await (await ada.Client.PostAsync($"/api/v1/people/{lee.Id}/reset-password", null)).JsonAsync());
        Assert.Contains(PasswordLinks.Unusable, await PeopleApi.SetPasswordAsync(app, later, "replaced by the newest link"), StringComparison.Ordinal);
        app.Time.Advance(TimeSpan.FromHours(72));
        Assert.Contains(PasswordLinks.Unusable, await PeopleApi.SetPasswordAsync(app, newest, "too late for this link"), StringComparison.Ordinal);
        Assert.True(await PeopleApi.SignsInAsync(app, "lee@example.com", Chosen));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_link_stops_working_when_its_person_is_deactivated(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var ada = await app.AddUserAsync("ada@example.com", ["security"], UserRole.Admin);
        var invited = await PeopleApi.InviteAsync(ada.Client, "nia@example.com", ["security"]);
        var path = PeopleApi.LinkPath(invited);

        await PeopleApi.DeactivateAsync(ada.Client, invited.GetProperty("details").Person().GetProperty("id").GetString()!);

        Assert.Contains(PasswordLinks.Unusable, await PeopleApi.SetPasswordAsync(app, path, Chosen), StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Equal(0, await db.PasswordLinks.CountAsync());
    }

    /// <summary>The database holds the token's SHA-256 and nothing else of it: not in the link's row, the outbox or the audit trail.</summary>
    private static async Task AssertStoredOnlyHashedAsync(SecCommsApp app, string token)
    {
        await using var db = app.Database.CreateContext();
        var link = await db.PasswordLinks.SingleAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))), link.TokenHash);
        Assert.Equal(32, Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "=").Length);
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Data.Contains(token)));
        Assert.False(await db.Notifications.AnyAsync(n => n.Body.Contains(token)));
    }

    private static string MainPart(string page) => page[page.IndexOf("<main", StringComparison.Ordinal)..page.IndexOf("</main>", StringComparison.Ordinal)];
}
