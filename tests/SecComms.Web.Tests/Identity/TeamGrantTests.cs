using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Identity;
using SecComms.Testing;
using SecComms.Web.Tests.Notifications;

namespace SecComms.Web.Tests.Identity;

public sealed class TeamGrantTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_administrator_grants_only_their_own_teams_and_a_refusal_leaves_no_trace(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var lena = await app.AddUserAsync("lena@example.com", ["legal"], UserRole.Admin);
        var eventsBefore = await CreatedEventsAsync(app);

        var security = await (await lena.Client.PostAsJsonAsync("/api/v1/users", new { email = "mal@example.com", name = "Mal", teams = new[] { "security" } }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("not in security", security.Detail(), StringComparison.Ordinal);
        var herself = await (await lena.Client.PostAsJsonAsync("/api/v1/users",
                new { email = "lena2@example.com", name = "Lena", teams = new[] { "legal", "security" }, role = "admin" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("not in security.", herself.Detail(), StringComparison.Ordinal);
        var product = await (await lena.Client.PostAsJsonAsync("/api/v1/users", new { email = "pia@example.com", name = "Pia", teams = new[] { "product" } }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("not in product", product.Detail(), StringComparison.Ordinal);

        var everyone = await (await lena.Client.GetAsync("/api/v1/users")).JsonAsync();
        Assert.Equal(["lena@example.com"], everyone.EnumerateArray().Select(u => u.GetProperty("email").GetString()));
        Assert.Equal(eventsBefore, await CreatedEventsAsync(app));
        await using (var db = app.Database.CreateContext())
        {
            Assert.Equal(1, await db.Users.CountAsync());
        }

        var lee = await (await lena.Client.PostAsJsonAsync("/api/v1/users", new { email = "lee@example.com", name = "Lee", teams = new[] { "legal" } }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal(["legal"], lee.GetProperty("teams").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(eventsBefore + 1, await CreatedEventsAsync(app));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_security_administrator_adds_a_security_member_and_the_security_team_is_told(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var sam = await app.AddUserAsync("sam@example.com", ["security", "legal"], UserRole.Admin);
        await app.AddUserAsync("alice@example.com", ["security"]);
        await app.AddUserAsync("lee@example.com", ["legal"]);

        await (await sam.Client.PostAsJsonAsync("/api/v1/users",
                new { email = "nia@example.com", name = "Nia Novak", teams = new[] { "security", "legal" }, role = "viewer" }))
            .JsonAsync(HttpStatusCode.Created);
        var mail = await app.DeliverAsync();

        Assert.Equal(["alice@example.com", "sam@example.com"], mail.To("nia@example.com was added"));
        var told = mail.First(m => m.Subject.StartsWith("nia@example.com was added", StringComparison.Ordinal));
        Assert.Equal("nia@example.com was added to security, legal", told.Subject);
        Assert.StartsWith("sam (sam@example.com) added Nia Novak (nia@example.com) as viewer with teams security, legal.\n", told.Body, StringComparison.Ordinal);
        Assert.Equal(["alice@example.com", "sam@example.com"], mail.To("lee@example.com was added"));
    }

    private static async Task<int> CreatedEventsAsync(SecCommsApp app)
    {
        await using var db = app.Database.CreateContext();
        return await db.AuditEvents.CountAsync(e => e.Action == "user.created");
    }
}
