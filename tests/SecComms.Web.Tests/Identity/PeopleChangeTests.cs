using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Identity;
using SecComms.Testing;
using SecComms.Web.Tests.Notifications;
using SecComms.Web.Tests.Pages;

namespace SecComms.Web.Tests.Identity;

public sealed class PeopleChangeTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_change_of_teams_and_role_is_audited_and_told_to_the_security_team(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var sam = await app.AddUserAsync("sam@example.com", ["security", "legal"], UserRole.Admin);
        await app.AddUserAsync("alice@example.com", ["security"]);
        var lee = await app.AddUserAsync("lee@example.com", ["legal", "product"]);
        await app.DeliverAsync();

        var changed = await (await sam.Client.PatchAsJsonAsync($"/api/v1/people/{lee.Id}", new { teams = new[] { "legal", "security" }, role = "admin" }))
            .JsonAsync();

        Assert.Equal(["legal", "security"], changed.Person().GetProperty("teams").Strings());
        Assert.Equal("admin", changed.Person().GetProperty("role").GetString());
        Assert.Equal(["legal", "security"], (await (await lee.Client.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("teams").Strings());
        await using (var db = app.Database.CreateContext())
        {
            var events = await db.AuditEvents.Where(e => e.Entity == $"user:{lee.Id}").OrderBy(e => e.Seq).Select(e => new { e.Actor, e.Action, e.Data }).ToListAsync();
            Assert.Equal(
            [
                new { Actor = "test-setup", Action = "user.created", Data = events[0].Data },
                new { Actor = "sam@example.com", Action = "user.teams-changed", Data = "{\"added\":[\"security\"],\"removed\":[\"product\"],\"teams\":[\"legal\",\"security\"]}" },
                new { Actor = "sam@example.com", Action = "user.role-changed", Data = "{\"from\":\"member\",\"to\":\"admin\"}" },
            ], events);
        }
        var mail = await app.DeliverAsync();
        Assert.Equal(["alice@example.com", "sam@example.com"], mail.To("lee@example.com now has"));
        var told = mail.First(m => m.Subject.StartsWith("lee@example.com now has", StringComparison.Ordinal));
        Assert.Equal("lee@example.com now has teams legal, security", told.Subject);
        Assert.Contains("sam (sam@example.com) changed the teams or role of lee (lee@example.com).\n\nAdded to: security.\nRemoved from: product.\nRole: member → admin.\n",
            told.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_administrator_gives_only_their_own_teams_and_hands_out_a_way_in_only_to_accounts_whose_teams_they_are_in(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var lena = await app.AddUserAsync("lena@example.com", ["legal"], UserRole.Admin);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var before = await app.SnapshotAsync();

        var give = await (await lena.Client.PatchAsJsonAsync($"/api/v1/people/{lee.Id}", new { teams = new[] { "legal", "security" } }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        var reset = await (await lena.Client.PostAsync($"/api/v1/people/{alice.Id}/reset-password", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        var invite = await (await lena.Client.PostAsJsonAsync("/api/v1/people", new { email = "mal@example.com", name = "Mal", teams = new[] { "security" } }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains("you are not in security", give.Detail(), StringComparison.Ordinal);
        Assert.Equal("Resetting the password of alice gives whoever receives it their teams, and you are not in security: only an administrator in every one of their teams may.",
            reset.Detail());
        Assert.Contains("you are not in security", invite.Detail(), StringComparison.Ordinal);
        Assert.Equal(before, await app.SnapshotAsync());

        var alicePage = await (await lena.Client.GetAsync($"/api/v1/people/{alice.Id}")).JsonAsync();
        Assert.Equal(["change", "deactivate", "revoke-token"], alicePage.GetProperty("allowed").Strings());
        Assert.Equal(["reset-password"], alicePage.GetProperty("refused").EnumerateArray().Select(r => r.GetProperty("action").GetString()));
        await (await lena.Client.PostAsync($"/api/v1/people/{lee.Id}/reset-password", null)).JsonAsync();
        var taken = await (await lena.Client.PatchAsJsonAsync($"/api/v1/people/{alice.Id}", new { teams = Array.Empty<string>() })).JsonAsync();
        Assert.Empty(taken.Person().GetProperty("teams").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Someone_who_is_not_an_administrator_is_refused_every_people_call_and_page_and_nothing_changes(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var ada = await app.AddUserAsync("ada@example.com", ["security"], UserRole.Admin);
        var sam = await app.AddUserAsync("sam@example.com", ["security"], password: PageSession.Password);
        var bot = (await (await ada.Client.PostAsJsonAsync("/api/v1/people/service-accounts", new { email = "bot@example.com", name = "Bot", teams = new[] { "security" } }))
            .JsonAsync(HttpStatusCode.Created)).Person().GetProperty("id").GetString();
        var token = (await (await ada.Client.PostAsJsonAsync($"/api/v1/people/{bot}/tokens", new { name = "ci" })).JsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetString();
        var before = await app.SnapshotAsync();

        var answers = new List<HttpResponseMessage>
        {
            await sam.Client.GetAsync("/api/v1/people"),
            await sam.Client.GetAsync($"/api/v1/people/{ada.Id}"),
            await sam.Client.PostAsJsonAsync("/api/v1/people", new { email = "mal@example.com", name = "Mal", teams = new[] { "security" } }),
            await sam.Client.PostAsJsonAsync("/api/v1/people/service-accounts", new { email = "b2@example.com", name = "B2" }),
            await sam.Client.PatchAsJsonAsync($"/api/v1/people/{sam.Id}", new { role = "admin" }),
            await sam.Client.PostAsync($"/api/v1/people/{ada.Id}/deactivate", null),
            await sam.Client.PostAsync($"/api/v1/people/{ada.Id}/reactivate", null),
            await sam.Client.PostAsync($"/api/v1/people/{ada.Id}/reset-password", null),
            await sam.Client.PostAsJsonAsync($"/api/v1/people/{bot}/tokens", new { name = "mine" }),
            await sam.Client.DeleteAsync($"/api/v1/people/{bot}/tokens/{token}"),
        };
        var browser = await PageSession.SignInAsync(app, "sam@example.com");
        var list = await browser.GetHtmlAsync("/people", HttpStatusCode.Forbidden);
        var antiforgery = await browser.AntiforgeryTokenAsync("/");
        var posted = await browser.Client.PostAsync($"/people/{ada.Id}?handler=Deactivate",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgery }));

        foreach (var answer in answers)
        {
            await answer.AssertProblemAsync(HttpStatusCode.Forbidden);
        }
        Assert.Contains("Only administrators manage people. Nothing was changed.", WebUtility.HtmlDecode(list), StringComparison.Ordinal);
        Assert.DoesNotContain("ada@example.com", list, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/people\"", await browser.GetHtmlAsync("/"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        var after = await app.SnapshotAsync();
        Assert.Equal(before with { Events = after.Events }, after);
        await using var db = app.Database.CreateContext();
        Assert.Equal(["user.signed-in"], await db.AuditEvents.Where(e => e.Seq > before.Events).Select(e => e.Action).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Bad_input_is_refused_with_a_problem_naming_the_field_and_changes_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var ada = await app.AddUserAsync("ada@example.com", ["security"], UserRole.Admin);
        var lee = await app.AddUserAsync("lee@example.com", ["security"]);
        var bot = (await (await ada.Client.PostAsJsonAsync("/api/v1/people/service-accounts", new { email = "bot@example.com", name = "Bot", teams = new[] { "security" } }))
            .JsonAsync(HttpStatusCode.Created)).Person().GetProperty("id").GetString();
        var before = await app.SnapshotAsync();

        var invite = await (await ada.Client.PostAsJsonAsync("/api/v1/people", new { email = "not an email", name = " ", teams = new[] { "wizards" } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var role = await (await ada.Client.PostAsJsonAsync("/api/v1/people", new { email = "mal@example.com", name = "Mal", role = "boss" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var unknownField = await (await ada.Client.PostAsJsonAsync("/api/v1/people", new { email = "mal@example.com", name = "Mal", password = "a long passphrase" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var duplicate = await (await ada.Client.PostAsJsonAsync("/api/v1/people", new { email = "LEE@example.com", name = "Lee again" }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        var empty = await (await ada.Client.PatchAsJsonAsync($"/api/v1/people/{lee.Id}", new { })).AssertProblemAsync(HttpStatusCode.BadRequest);
        var team = await (await ada.Client.PatchAsJsonAsync($"/api/v1/people/{lee.Id}", new { teams = new[] { "security", "wizards" } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var token = await (await ada.Client.PostAsJsonAsync($"/api/v1/people/{bot}/tokens", new { name = "", expiresInDays = 9999 }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var personToken = await (await ada.Client.PostAsJsonAsync($"/api/v1/people/{lee.Id}/tokens", new { name = "theirs" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var botPassword = await (await ada.Client.PostAsync($"/api/v1/people/{bot}/reset-password", null)).AssertProblemAsync(HttpStatusCode.BadRequest);
        var nobody = await (await ada.Client.PostAsync($"/api/v1/people/{Guid.NewGuid()}/deactivate", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        var noToken = await (await ada.Client.DeleteAsync($"/api/v1/people/{bot}/tokens/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);

        var errors = invite.GetProperty("errors");
        Assert.Equal(["email must be an email address."], errors.GetProperty("email").Strings());
        Assert.Equal(["name is required."], errors.GetProperty("name").Strings());
        Assert.StartsWith("Unknown team(s): 'wizards'.", errors.GetProperty("teams").Strings().Single(), StringComparison.Ordinal);
        Assert.Contains("at $.role", role.Detail(), StringComparison.Ordinal);
        Assert.Contains("'password'", unknownField.Detail(), StringComparison.Ordinal);
        Assert.Equal("A user with email LEE@example.com already exists.", duplicate.Detail());
        Assert.Equal(["Send teams, role or both."], empty.GetProperty("errors").GetProperty("teams").Strings());
        Assert.StartsWith("Unknown team(s): 'wizards'.", team.GetProperty("errors").GetProperty("teams").Strings().Single(), StringComparison.Ordinal);
        Assert.Equal(["name", "expiresInDays"], token.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Contains("A person's tokens are their own", personToken.Detail(), StringComparison.Ordinal);
        Assert.Equal("A service account has no password: issue it a token instead.", botPassword.Detail());
        Assert.Equal("No such person.", nobody.Detail());
        Assert.StartsWith("Bot has no token", noToken.Detail(), StringComparison.Ordinal);
        Assert.Equal(before, await app.SnapshotAsync());
    }
}
