using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Identity;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Incidents;
using SecComms.Web.Tests.Notifications;
using SecComms.Web.Tests.Pages;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Identity;

public sealed class DeactivationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Deactivating_someone_ends_their_open_session_and_their_token_at_once_and_keeps_their_history(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var ada = await app.AddUserAsync("ada@example.com", ["security"], UserRole.Admin);
        var lee = await app.AddUserAsync("lee@example.com", ["security"], password: PageSession.Password);
        var browser = await PageSession.SignInAsync(app, "lee@example.com");
        var draft = (await CommunicationsApi.CreateAsync(lee.Client, "Hardening the sign-in page", "security-blog-post")).Id();
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lee.Client.GetAsync("/api/v1/me")).StatusCode);

        var deactivated = await PeopleApi.DeactivateAsync(ada.Client, lee.Id);

        Assert.Equal("deactivated", deactivated.Status());
        var page = await browser.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/signin", page.Headers.Location?.AbsolutePath);
        var api = await (await lee.Client.GetAsync("/api/v1/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("The access token is not valid.", api.Detail());
        Assert.False(await PeopleApi.SignsInAsync(app, "lee@example.com", PageSession.Password));

        var history = await (await ada.Client.GetAsync($"/api/v1/communications/{draft}")).JsonAsync();
        Assert.Equal("lee@example.com", history.GetProperty("revision").GetProperty("author").GetProperty("email").GetString());
        await using var db = app.Database.CreateContext();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Actor == "lee@example.com" && e.Action == "communication.created"));
        var recorded = await db.AuditEvents.SingleAsync(e => e.Action == "user.deactivated");
        Assert.Equal(("ada@example.com", $"user:{lee.Id}"), (recorded.Actor, recorded.Entity));
        Assert.Contains("\"tokensRevoked\":1", recorded.Data, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Reactivating_lets_the_person_sign_in_again_but_brings_back_neither_old_sessions_nor_tokens(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var ada = await app.AddUserAsync("ada@example.com", ["security"], UserRole.Admin);
        var lee = await app.AddUserAsync("lee@example.com", ["security"], password: PageSession.Password);
        var browser = await PageSession.SignInAsync(app, "lee@example.com");
        await PeopleApi.DeactivateAsync(ada.Client, lee.Id);

        var reactivated = await (await ada.Client.PostAsync($"/api/v1/people/{lee.Id}/reactivate", null)).JsonAsync();

        Assert.Equal("active", reactivated.Status());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await lee.Client.GetAsync("/api/v1/me")).StatusCode);
        Assert.True(await PeopleApi.SignsInAsync(app, "lee@example.com", PageSession.Password));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Deactivation_lists_what_the_person_holds_as_far_as_the_administrator_may_see_it(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var sam = await app.AddUserAsync("sam@example.com", ["security", "legal"], UserRole.Admin);
        var lena = await app.AddUserAsync("lena@example.com", ["legal"], UserRole.Admin);
        var mo = await app.AddUserAsync("mo@example.com", ["security", "corporate-marketing"]);
        var incident = (await IncidentApi.OpenedAsync(sam.Client, new
        {
            title = "Credential stuffing against the login page",
            kind = "breach",
            severity = "s2",
            becameAwareAt = app.Time.GetUtcNow().AddHours(-1),
            personalData = true,
            details = new { roles = new { engineer = "mo@example.com", communicationsManager = "mo@example.com" } },
        })).Id();
        var article = (await CommunicationsApi.CreateAsync(sam.Client, "Why we pay researchers", "contributed-article")).Id();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(sam.Client, article)).JsonAsync();
        var post = (await CommunicationsApi.CreateAsync(sam.Client, "Passkeys for everyone", "security-blog-post", participants: ["mo@example.com"])).Id();
        var breach = (await CommunicationsApi.CreateAsync(sam.Client, "Breach of the billing export", "incident-response", participants: ["mo@example.com"])).Id();

        var outside = await (await lena.Client.GetAsync($"/api/v1/people/{mo.Id}")).JsonAsync();
        var holds = (await PeopleApi.DeactivateAsync(sam.Client, mo.Id)).GetProperty("holds");

        var roles = holds.GetProperty("incidentRoles").EnumerateArray().ToList();
        Assert.Equal([("engineer", incident), ("communications-manager", incident)],
            roles.Select(r => (r.GetProperty("role").GetString(), r.GetProperty("incidentId").GetString())));
        var only = Assert.Single(holds.GetProperty("onlyApprover").EnumerateArray());
        Assert.Equal((article, "corporate-marketing"), (only.GetProperty("communicationId").GetString(), only.GetProperty("team").GetString()));
        Assert.Equal([post, breach], holds.GetProperty("participating").EnumerateArray().Select(c => c.Id()));
        var outsideHolds = outside.GetProperty("holds");
        Assert.Empty(outsideHolds.GetProperty("incidentRoles").EnumerateArray());
        Assert.Equal([post], outsideHolds.GetProperty("participating").EnumerateArray().Select(c => c.Id()));
        Assert.DoesNotContain("Breach of the billing export", outside.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Credential stuffing", outside.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Deactivating_the_last_approver_of_a_team_engages_its_backups_at_once_and_tells_them(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var ada = await app.AddUserAsync("ada@example.com", ["appsec"], UserRole.Admin);
        var lee = await app.AddUserAsync("lee@example.com", ["security"]);
        var ana = await app.AddUserAsync("ana@example.com", ["appsec"]);
        var pat = await app.AddUserAsync("pat@example.com", ["appsec"]);
        var release = await CommunicationsApi.CreateAsync(ana.Client, "Critical fix", "critical-security-release");
        var id = release.Id();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(ana.Client, id)).JsonAsync();
        var early = await (await WorkflowApi.DecideAsync(pat.Client, id, "approve", release.Hash())).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Its backup teams (appsec) may approve only in emergency mode", early.Detail(), StringComparison.Ordinal);

        var holds = (await PeopleApi.DeactivateAsync(ada.Client, lee.Id)).GetProperty("holds");

        var only = Assert.Single(holds.GetProperty("onlyApprover").EnumerateArray());
        Assert.Equal((id, "security"), (only.GetProperty("communicationId").GetString(), only.GetProperty("team").GetString()));
        Assert.Equal(["appsec"], only.GetProperty("backup").Strings());
        Assert.True((await WorkflowApi.RequirementsAsync(pat.Client, id)).GetProperty("stages")[0].GetProperty("backupsEngaged").GetBoolean());
        Assert.Equal([id], (await (await pat.Client.GetAsync("/api/v1/communications?waitingOn=me")).JsonAsync()).GetProperty("items").EnumerateArray().Select(c => c.Id()));
        Assert.Equal(1, await Mailbox.SweepAsync(app));
        Assert.Equal(0, await Mailbox.SweepAsync(app));
        var told = (await app.DeliverAsync()).Where(m => m.Subject == "SC-1 needs a backup approval: no one in security may approve it").ToList();
        Assert.Equal(["ada@example.com", "pat@example.com"], told.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.Contains("No one active is left in team security to approve stage 1", told[0].Body, StringComparison.Ordinal);

        var approval = await (await WorkflowApi.DecideAsync(pat.Client, id, "approve", release.Hash())).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("security", approval.GetProperty("team").GetString());
        await using var db = app.Database.CreateContext();
        var events = await db.AuditEvents.Where(e => e.Entity == $"communication:{id}").ToDictionaryAsync(e => e.Action, e => e.Data);
        Assert.Contains("\"teamUnstaffed\":true", events["communication.backups-engaged"], StringComparison.Ordinal);
        Assert.Contains("\"asBackup\":true", events["communication.approved"], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Notices_of_an_incident_whose_communications_manager_was_deactivated_go_to_the_incident_manager_or_else_the_security_team(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var sam = await app.AddUserAsync("sam@example.com", ["security"], UserRole.Admin);
        var mo = await app.AddUserAsync("mo@example.com", ["security"]);
        var eve = await app.AddUserAsync("eve@example.com", ["security"]);
        var aware = app.Time.GetUtcNow();
        await IncidentApi.OpenedAsync(sam.Client, new
        {
            title = "Exposed backups",
            kind = "data-loss",
            severity = "s1",
            becameAwareAt = aware,
            personalData = false,
            details = new { roles = new { communicationsManager = "mo@example.com", incidentManager = "eve@example.com" } },
        });
        await PeopleApi.DeactivateAsync(sam.Client, mo.Id);

        app.Time.Advance(TimeSpan.FromHours(3.6));
        await IncidentApi.SweepAsync(app);
        var escalated = (await app.DeliverAsync()).Where(m => m.Subject.StartsWith("INC-1: ", StringComparison.Ordinal)).Select(m => m.To).ToList();
        Assert.Equal(["eve@example.com"], escalated.Distinct());

        await PeopleApi.DeactivateAsync(sam.Client, eve.Id);
        app.Time.Advance(TimeSpan.FromHours(2.5));
        await IncidentApi.SweepAsync(app);
        var missed = (await app.DeliverAsync()).Where(m => m.Subject.EndsWith("was missed", StringComparison.Ordinal)).Select(m => m.To).ToList();
        Assert.Equal(["sam@example.com"], missed.Distinct());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task No_one_deactivates_themselves_and_the_last_administrator_is_neither_deactivated_nor_demoted(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var ada = await app.AddUserAsync("ada@example.com", ["security"], UserRole.Admin);
        var bots = await (await ada.Client.PostAsJsonAsync("/api/v1/people/service-accounts",
            new { email = "bots@example.com", name = "Provisioning", teams = new[] { "security" }, role = "admin" })).JsonAsync(HttpStatusCode.Created);
        var before = await app.SnapshotAsync();

        var herself = await (await ada.Client.PostAsync($"/api/v1/people/{ada.Id}/deactivate", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        var demoted = await (await ada.Client.PatchAsJsonAsync($"/api/v1/people/{ada.Id}", new { role = "member" })).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("You cannot deactivate yourself: ask another administrator.", herself.Detail());
        Assert.Equal("ada is the last administrator: make someone else an administrator first.", demoted.Detail());
        Assert.Equal(before, await app.SnapshotAsync());
        Assert.Equal("admin", bots.Person().GetProperty("role").GetString());

        var bo = await app.AddUserAsync("bo@example.com", ["security"], UserRole.Admin);
        var page = await (await bo.Client.GetAsync($"/api/v1/people/{ada.Id}")).JsonAsync();
        Assert.Contains("deactivate", page.GetProperty("allowed").Strings());
        await (await bo.Client.PatchAsJsonAsync($"/api/v1/people/{ada.Id}", new { role = "member" })).JsonAsync();
        var last = await (await bo.Client.GetAsync($"/api/v1/people/{bo.Id}")).JsonAsync();
        Assert.Equal(["deactivate: You cannot deactivate yourself: ask another administrator."],
            last.GetProperty("refused").EnumerateArray().Select(r => $"{r.GetProperty("action").GetString()}: {r.GetProperty("reason").GetString()}"));
        await (await bo.Client.PatchAsJsonAsync($"/api/v1/people/{bo.Id}", new { role = "viewer" })).AssertProblemAsync(HttpStatusCode.Conflict);
    }
}
