using System.Net;
using Microsoft.EntityFrameworkCore;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Disclosure;

public sealed class GateTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_release_notice_waits_until_its_release_is_published(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var id = await DisclosureApi.ApprovedNoticeAsync(alice, sam);

        var unlinked = await (await WorkflowApi.PublishAsync(alice.Client, id)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("fix-released: no security release is linked", unlinked.Detail(), StringComparison.Ordinal);
        var requirements = await WorkflowApi.RequirementsAsync(alice.Client, id);
        Assert.False(requirements.GetProperty("readyToPublish").GetBoolean());
        Assert.Equal([("fix-released", false)], requirements.Gates());
        Assert.Contains(requirements.GetProperty("outstanding").EnumerateArray(), o => o.GetString()!.StartsWith("Gate fix-released:", StringComparison.Ordinal));

        var release = await DisclosureApi.CreateReleaseAsync(alice.Client);
        var linked = await (await DisclosureApi.LinkAsync(alice.Client, id, release)).JsonAsync();
        Assert.Equal("SR-1", linked.GetProperty("release").GetProperty("reference").GetString());
        Assert.False(linked.GetProperty("open").GetBoolean());
        await DisclosureApi.ReapproveAsync(sam, id);
        var unreleased = await (await WorkflowApi.PublishAsync(alice.Client, id)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("SR-1 (18.4.2, 18.3.5, 18.2.9) is planned, not yet published", unreleased.Detail(), StringComparison.Ordinal);
        Assert.Equal("approved", await WorkflowApi.StatusAsync(alice.Client, id));

        await DisclosureApi.PublishReleaseAsync(alice.Client, release);
        Assert.True((await WorkflowApi.RequirementsAsync(alice.Client, id)).GetProperty("readyToPublish").GetBoolean());
        var published = await (await WorkflowApi.PublishAsync(alice.Client, id)).JsonAsync();
        Assert.Equal("published", published.GetProperty("status").GetString());
        await using var db = app.Database.CreateContext();
        var audit = await db.AuditEvents.Where(e => e.Action == "communication.published").SingleAsync();
        Assert.Contains("\"gate\":\"fix-released\",\"passed\":true", audit.Data, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_incident_notice_waits_until_the_incident_is_contained(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var id = await DisclosureApi.ApprovedNoticeAsync(alice, sam, "customer-security-notice");
        Assert.Empty((await WorkflowApi.RequirementsAsync(alice.Client, id)).Gates());
        var incident = (await (await alice.Client.PostJsonAsync("/api/v1/incidents", new
        {
            title = "Leaked deploy key",
            kind = "accidental-disclosure",
            severity = "s2",
            becameAwareAt = app.Time.GetUtcNow().AddHours(-3),
            personalData = false,
        })).JsonAsync(HttpStatusCode.Created)).Id();

        await (await DisclosureApi.LinkAsync(alice.Client, id, incidentId: incident)).JsonAsync();
        await Incidents.IncidentApi.AnswerFaqAsync(alice.Client, id);
        await DisclosureApi.ReapproveAsync(sam, id);
        var closed = await (await WorkflowApi.PublishAsync(alice.Client, id)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("incident-contained: INC-1 is not yet contained", closed.Detail(), StringComparison.Ordinal);

        var contained = await (await alice.Client.PostJsonAsync($"/api/v1/incidents/{incident}/contain", new { at = app.Time.GetUtcNow().AddHours(-1) })).JsonAsync();
        Assert.Equal("contained", contained.GetProperty("status").GetString());
        Assert.Equal([("incident-contained", true)], (await WorkflowApi.RequirementsAsync(alice.Client, id)).Gates());
        Assert.Equal("published", (await (await WorkflowApi.PublishAsync(alice.Client, id)).JsonAsync()).GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_embargoed_notice_is_scheduled_no_earlier_than_the_embargo_and_published_at_its_time(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var id = await DisclosureApi.ApprovedNoticeAsync(alice, sam, "customer-security-notice");
        var embargo = app.Time.GetUtcNow().AddHours(2);
        await (await DisclosureApi.LinkAsync(alice.Client, id, embargoUntil: embargo)).JsonAsync();
        await DisclosureApi.ReapproveAsync(sam, id);

        var early = await (await WorkflowApi.PublishAsync(alice.Client, id)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains($"embargo-passed: embargoed until {Core.Errors.Moment.Text(embargo)}", early.Detail(), StringComparison.Ordinal);
        await (await alice.Client.PostJsonAsync($"/api/v1/communications/{id}/schedule", new { at = embargo.AddMinutes(-1) }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        var scheduled = await (await alice.Client.PostJsonAsync($"/api/v1/communications/{id}/schedule", new { at = embargo })).JsonAsync();
        Assert.Equal("scheduled", scheduled.GetProperty("status").GetString());
        Assert.True((await WorkflowApi.RequirementsAsync(alice.Client, id)).GetProperty("readyToPublish").GetBoolean());

        app.Time.Advance(TimeSpan.FromMinutes(119));
        Assert.Equal(0, await app.PublishDueAsync());
        Assert.Equal("scheduled", await WorkflowApi.StatusAsync(alice.Client, id));
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var published = await EventuallyAsync(async () => await WorkflowApi.StatusAsync(alice.Client, id) == "published");
        Assert.True(published, "The scheduled notice was not published once its time came.");
        var view = await (await alice.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
        Assert.True(view.GetProperty("publishedAt").GetDateTimeOffset() >= embargo);
        await using var db = app.Database.CreateContext();
        Assert.Equal("system", (await db.AuditEvents.SingleAsync(e => e.Action == "communication.published")).Actor);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Moving_the_embargo_past_the_schedule_cancels_the_schedule(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var id = await DisclosureApi.ApprovedNoticeAsync(alice, sam, "customer-security-notice");
        var at = app.Time.GetUtcNow().AddHours(1);
        await (await alice.Client.PostJsonAsync($"/api/v1/communications/{id}/schedule", new { at })).JsonAsync();

        await (await DisclosureApi.LinkAsync(alice.Client, id, embargoUntil: at.AddDays(1))).JsonAsync();

        var view = await (await alice.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
        Assert.Equal("in-review", view.GetProperty("status").GetString());
        Assert.Contains("The schedule for", view.GetProperty("statusReason").GetString(), StringComparison.Ordinal);
        app.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await app.PublishDueAsync());
        Assert.Equal("in-review", await WorkflowApi.StatusAsync(alice.Client, id));
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(100);
        }
        return false;
    }
}
