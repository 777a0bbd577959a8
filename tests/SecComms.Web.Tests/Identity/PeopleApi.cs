using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SecComms.Testing;
using SecComms.Web.Tests.Pages;

namespace SecComms.Web.Tests.Identity;

/// <summary>The people API as an administrator calls it, and what the database holds about people.</summary>
internal static class PeopleApi
{
    public static async Task<JsonElement> InviteAsync(HttpClient admin, string email, string[] teams, string role = "member") =>
        await (await admin.PostAsJsonAsync("/api/v1/people", new { email, name = email.Split('@')[0], teams, role })).JsonAsync(HttpStatusCode.Created);

    public static async Task<JsonElement> DeactivateAsync(HttpClient admin, object id) =>
        await (await admin.PostAsync($"/api/v1/people/{id}/deactivate", null)).JsonAsync();

    /// <summary>The link in an answer that made one (<c>link.url</c>), as a path on the test server.</summary>
    public static string LinkPath(JsonElement answer) => new Uri(answer.GetProperty("link").GetProperty("url").GetString()!).PathAndQuery;

    public static string Token(string linkPath) => linkPath[(linkPath.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];

    public static JsonElement Person(this JsonElement details) => details.GetProperty("person");

    public static string Status(this JsonElement details) => details.Person().GetProperty("status").GetString()!;

    public static IEnumerable<string> Strings(this JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!);

    /// <summary>Chooses a password with the link, as the person does in a new browser; returns the page's text.</summary>
    public static async Task<string> SetPasswordAsync(SecCommsApp app, string linkPath, string password)
    {
        var browser = PageSession.Anonymous(app);
        var token = await browser.AntiforgeryTokenAsync("/signin");
        var response = await browser.Client.PostAsync(linkPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Token"] = Token(linkPath),
            ["Password"] = password,
            ["ConfirmPassword"] = password,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PageSession.TextAsync(response);
    }

    /// <summary>Whether a sign-in with this password succeeds, in a new browser.</summary>
    public static async Task<bool> SignsInAsync(SecCommsApp app, string email, string password)
    {
        var browser = PageSession.Anonymous(app);
        var response = await browser.SubmitAsync("/signin", new() { ["Email"] = email, ["Password"] = password });
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    /// <summary>The count of rows in every table a people change writes, to show a refusal changed none of them.</summary>
    public static async Task<(int Users, int Teams, int Events, int Tokens, int Links, int Notifications, string States)> SnapshotAsync(this SecCommsApp app)
    {
        await using var db = app.Database.CreateContext();
        var states = string.Join(",", await db.Users.OrderBy(u => u.Email)
            .Select(u => u.Email + ":" + u.Role + ":" + u.Disabled + ":" + u.SecurityStamp + ":" + (u.PasswordHash ?? "")).ToListAsync());
        var revoked = await db.AccessTokens.CountAsync(t => t.RevokedAt != null);
        return (await db.Users.CountAsync(), await db.TeamMemberships.CountAsync(), await db.AuditEvents.CountAsync(),
            await db.AccessTokens.CountAsync() * 1000 + revoked, await db.PasswordLinks.CountAsync(), await db.Notifications.CountAsync(), states);
    }
}
