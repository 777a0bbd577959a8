using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Identity;
using SecComms.Testing;
using SecComms.Web.Tests.Notifications;

namespace SecComms.Web.Tests.Identity;

public sealed class ServiceAccountTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_administrator_issues_a_service_account_a_token_that_works_until_revoked_and_it_never_signs_in(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var sam = await app.AddUserAsync("sam@example.com", ["security", "appsec"], UserRole.Admin);
        await app.AddUserAsync("alice@example.com", ["security"]);

        var account = await (await sam.Client.PostAsJsonAsync("/api/v1/people/service-accounts",
            new { email = "release-bot@example.com", name = "Release pipeline", teams = new[] { "appsec" } })).JsonAsync(HttpStatusCode.Created);
        var id = account.Person().GetProperty("id").GetString();
        var issued = await (await sam.Client.PostAsJsonAsync($"/api/v1/people/{id}/tokens", new { name = "ci", expiresInDays = 30 }))
            .JsonAsync(HttpStatusCode.Created);
        var bot = app.ClientWithToken(issued.GetProperty("secret").GetString()!);

        Assert.Equal("service-account", account.Person().GetProperty("kind").GetString());
        Assert.False(account.Person().GetProperty("hasPassword").GetBoolean());
        var me = await (await bot.GetAsync("/api/v1/me")).JsonAsync();
        Assert.Equal(("release-bot@example.com", "member"), (me.GetProperty("email").GetString(), me.GetProperty("role").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await bot.GetAsync("/api/v1/vulnerabilities")).StatusCode);
        var own = await (await bot.PostAsJsonAsync("/api/v1/tokens", new { name = "another" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.StartsWith("A service account's tokens are issued by an administrator", own.Detail(), StringComparison.Ordinal);
        Assert.False(await PeopleApi.SignsInAsync(app, "release-bot@example.com", ""));
        var details = await (await sam.Client.GetAsync($"/api/v1/people/{id}")).JsonAsync();
        var listed = Assert.Single(details.GetProperty("tokens").EnumerateArray());
        Assert.False(listed.TryGetProperty("secret", out var secret) && secret.ValueKind != System.Text.Json.JsonValueKind.Null);
        Assert.NotNull(details.Person().GetProperty("lastTokenUseAt").GetString());

        var revoked = await (await sam.Client.DeleteAsync($"/api/v1/people/{id}/tokens/{issued.GetProperty("id").GetString()}")).JsonAsync();

        Assert.NotNull(revoked.GetProperty("revokedAt").GetString());
        var refused = await (await bot.GetAsync("/api/v1/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("The access token has been revoked.", refused.Detail());
        await using var db = app.Database.CreateContext();
        Assert.Equal(["token.issued", "user.created", "token.issued", "token.revoked"],
            await db.AuditEvents.Where(e => e.Actor == "sam@example.com").OrderBy(e => e.Seq).Select(e => e.Action).ToListAsync());
        Assert.Contains("\"owner\":\"release-bot@example.com\"", (await db.AuditEvents.OrderByDescending(e => e.Seq).FirstAsync(e => e.Action == "token.issued")).Data,
            StringComparison.Ordinal);
        var mail = await app.DeliverAsync();
        Assert.Equal(["alice@example.com", "sam@example.com"], mail.To("release-bot@example.com was added to appsec"));
        var told = mail.First(m => m.Subject == "release-bot@example.com was added to appsec");
        Assert.StartsWith("sam (sam@example.com) added the service account Release pipeline (release-bot@example.com) as member with teams appsec.", told.Body,
            StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Deactivating_a_service_account_stops_its_tokens_and_no_token_is_issued_until_it_is_reactivated(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var sam = await app.AddUserAsync("sam@example.com", ["security"], UserRole.Admin);
        var id = (await (await sam.Client.PostAsJsonAsync("/api/v1/people/service-accounts",
            new { email = "bot@example.com", name = "Bot", teams = new[] { "security" } })).JsonAsync(HttpStatusCode.Created)).Person().GetProperty("id").GetString();
        var secret = (await (await sam.Client.PostAsJsonAsync($"/api/v1/people/{id}/tokens", new { name = "ci" })).JsonAsync(HttpStatusCode.Created))
            .GetProperty("secret").GetString()!;

        await PeopleApi.DeactivateAsync(sam.Client, id!);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ClientWithToken(secret).GetAsync("/api/v1/me")).StatusCode);
        await (await sam.Client.PostAsJsonAsync($"/api/v1/people/{id}/tokens", new { name = "again" })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await sam.Client.PostAsync($"/api/v1/people/{id}/reactivate", null)).JsonAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ClientWithToken(secret).GetAsync("/api/v1/me")).StatusCode);
        var fresh = (await (await sam.Client.PostAsJsonAsync($"/api/v1/people/{id}/tokens", new { name = "again" })).JsonAsync(HttpStatusCode.Created))
            .GetProperty("secret").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await app.ClientWithToken(fresh).GetAsync("/api/v1/me")).StatusCode);
    }
}
