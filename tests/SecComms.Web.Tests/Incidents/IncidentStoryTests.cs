using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Incidents;

public sealed class IncidentStoryTests
{
    private static readonly DateTimeOffset Aware = new(2026, 11, 2, 8, 30, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_S1_breach_runs_its_clocks_and_its_notice_waits_for_containment_then_meets_them(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var eve = await app.AddUserAsync("eve@example.com", ["security"]);
        await app.AddUserAsync("sam@example.com", ["security"]);
        var ann = await app.AddUserAsync("ann@example.com", ["appsec"]);
        var approvers = new[]
        {
            await app.AddUserAsync("lee@example.com", ["legal"]),
            await app.AddUserAsync("pat@example.com", ["product"]),
            await app.AddUserAsync("mia@example.com", ["corporate-marketing"]),
            await app.AddUserAsync("sue@example.com", ["support"]),
            await app.AddUserAsync("cat@example.com", ["customer-success"]),
        };

        var incident = await IncidentApi.OpenedAsync(eve.Client, new
        {
            title = "Credential stuffing against the customer portal",
            kind = "breach",
            severity = "s1",
            becameAwareAt = Aware,
            personalData = true,
            details = new { customerTiers = new[] { "enterprise" }, roles = new { communicationsManager = "sam@example.com" } },
        });
        var id = incident.Id();
        Assert.Equal("INC-1", incident.GetProperty("reference").GetString());
        Assert.Equal("Critical", incident.GetProperty("severityName").GetString());

        var clocks = await IncidentApi.ClocksAsync(eve.Client, id);
        Assert.Equal(Aware.AddHours(6), clocks["external-message-s1"].Due());
        Assert.Equal(Aware.AddHours(72), clocks["gdpr-art-33"].Due());
        Assert.Equal(Aware.AddHours(24), clocks["customer-sla:enterprise"].Due());
        Assert.All(clocks.Values, c => Assert.Equal("running", c.State()));
        Assert.DoesNotContain("sec-8k-item-1-05", clocks.Keys);

        var engagements = (await (await eve.Client.GetAsync($"/api/v1/incidents/{id}/engagements")).JsonAsync()).EnumerateArray()
            .ToDictionary(e => e.GetProperty("party").GetString()!);
        Assert.Equal(["corporate-communications", "director-security-operations", "executive-group", "legal", "vp-security"], engagements.Keys.Order());
        Assert.True(engagements["vp-security"].GetProperty("overdue").GetBoolean());
        await (await eve.Client.PostAsJsonAsync($"/api/v1/incidents/{id}/engagements", new { party = "vp-security", note = "paged" })).JsonAsync();

        var notice = await IncidentApi.DraftAsync(eve.Client, id, "initial-notice");
        var noticeId = notice.Id();
        var draft = await (await eve.Client.GetAsync($"/api/v1/communications/{noticeId}")).JsonAsync();
        Assert.Equal("Credential stuffing against the customer portal", draft.GetProperty("title").GetString());
        foreach (var question in new[] { "Why you are getting this email:", "What happened and what it means for you:", "What you should do:", "Where to get help:" })
        {
            Assert.Contains(question, draft.Content().GetProperty("emailBody").GetString(), StringComparison.Ordinal);
        }

        await (await CommunicationsApi.ReviseAsync(eve.Client, noticeId, 1, new { supportFaq = "" })).JsonAsync();
        var refused = await (await WorkflowApi.SubmitAsync(eve.Client, noticeId)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("a Support FAQ (supportFaq)", refused.Detail(), StringComparison.Ordinal);
        Assert.Equal("draft", await WorkflowApi.StatusAsync(eve.Client, noticeId));
        var current = await (await CommunicationsApi.ReviseAsync(eve.Client, noticeId, 2, new
        {
            body = draft.Content().GetProperty("body").GetString() + "\nSomeone signed in to customer portal accounts with passwords stolen elsewhere.\n",
            supportFaq = "Q: Was my password exposed?\nA: Only accounts we contacted were affected.",
            shortText = "We are investigating unauthorized sign-ins to the customer portal. Affected customers are being contacted.",
        })).JsonAsync();
        await (await WorkflowApi.SubmitAsync(eve.Client, noticeId)).JsonAsync();

        var requirements = await WorkflowApi.RequirementsAsync(eve.Client, noticeId);
        var security = requirements.GetProperty("stages")[0];
        Assert.Equal(app.Time.GetUtcNow().AddHours(1), security.GetProperty("dueAt").GetDateTimeOffset());
        await (await WorkflowApi.DecideAsync(ann.Client, noticeId, "approve", current.Hash())).AssertProblemAsync(HttpStatusCode.Forbidden);

        app.Time.Advance(TimeSpan.FromMinutes(61));
        Assert.True((await WorkflowApi.RequirementsAsync(eve.Client, noticeId)).GetProperty("stages")[0].GetProperty("backupsEngaged").GetBoolean());
        await (await WorkflowApi.DecideAsync(ann.Client, noticeId, "approve", current.Hash())).JsonAsync(HttpStatusCode.Created);
        foreach (var approver in approvers)
        {
            await (await WorkflowApi.DecideAsync(approver.Client, noticeId, "approve", current.Hash())).JsonAsync(HttpStatusCode.Created);
        }
        Assert.Equal("approved", await WorkflowApi.StatusAsync(eve.Client, noticeId));

        var held = await (await WorkflowApi.PublishAsync(eve.Client, noticeId)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("incident-contained", held.Detail(), StringComparison.Ordinal);

        await (await IncidentApi.StatusAsync(eve.Client, id, "contained")).JsonAsync();
        var published = await (await WorkflowApi.PublishAsync(eve.Client, noticeId)).JsonAsync();
        Assert.Equal("published", published.GetProperty("status").GetString());

        clocks = await IncidentApi.ClocksAsync(eve.Client, id);
        Assert.Equal("met", clocks["external-message-s1"].State());
        Assert.Equal(notice.GetProperty("reference").GetString(), clocks["external-message-s1"].GetProperty("metBy").GetString());
        Assert.Equal("met", clocks["customer-sla:enterprise"].State());
        Assert.Equal("running", clocks["gdpr-art-33"].State());

        var met = await (await eve.Client.PostAsJsonAsync($"/api/v1/incidents/{id}/clocks/gdpr-art-33/met", new { evidence = "DPA case 2026-1142" })).JsonAsync();
        Assert.Equal("met", met.State());
        Assert.Equal("DPA case 2026-1142", met.GetProperty("evidence").GetString());

        var timeline = (await (await eve.Client.GetAsync($"/api/v1/incidents/{id}/timeline")).JsonAsync()).EnumerateArray()
            .Select(e => e.GetProperty("text").GetString()!).ToList();
        Assert.Contains(timeline, t => t.StartsWith("Engaged VP of Security", StringComparison.Ordinal));
        Assert.Contains(timeline, t => t.StartsWith("Contained", StringComparison.Ordinal));
        Assert.Contains(timeline, t => t == "Clock met: GDPR Art. 33 notification to the supervisory authority, by DPA case 2026-1142.");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Near_the_send_deadline_the_quorum_fallback_waives_all_but_the_required_teams_only_when_invoked_with_a_reason(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var eve = await app.AddUserAsync("eve@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var incident = (await IncidentApi.OpenedAsync(eve.Client, new { title = "Leaked build logs", kind = "accidental-disclosure", severity = "s1", becameAwareAt = Aware, personalData = false })).Id();
        await (await IncidentApi.StatusAsync(eve.Client, incident, "contained")).JsonAsync();
        var notice = (await IncidentApi.DraftAsync(eve.Client, incident, "initial-notice")).Id();
        await IncidentApi.AnswerFaqAsync(eve.Client, notice);
        await (await WorkflowApi.SubmitAsync(eve.Client, notice)).JsonAsync();
        var current = await (await eve.Client.GetAsync($"/api/v1/communications/{notice}")).JsonAsync();
        await (await WorkflowApi.DecideAsync(sam.Client, notice, "approve", current.Hash())).JsonAsync(HttpStatusCode.Created);

        var early = await (await sam.Client.GetAsync($"/api/v1/communications/{notice}/quorum-fallback")).JsonAsync();
        Assert.False(early.GetProperty("available").GetBoolean());
        Assert.Equal("Available from 2026-11-02 13:30 UTC, 1h before Approved external message out (S1) is due at 2026-11-02 14:30 UTC.", early.GetProperty("why").GetString());
        var tooEarly = await (await sam.Client.PostAsJsonAsync($"/api/v1/communications/{notice}/quorum-fallback", new { reason = "Press is calling" }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Available from 2026-11-02 13:30 UTC", tooEarly.Detail(), StringComparison.Ordinal);

        app.Time.Advance(TimeSpan.FromHours(4.6));
        var noReason = await (await sam.Client.PostAsJsonAsync($"/api/v1/communications/{notice}/quorum-fallback", new { reason = " " }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        var events = (await app.SnapshotAsync()).Events;
        await (await lee.Client.PostAsJsonAsync($"/api/v1/communications/{notice}/quorum-fallback", new { reason = "Deadline" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(events, (await app.SnapshotAsync()).Events);

        var invoked = await (await sam.Client.PostAsJsonAsync($"/api/v1/communications/{notice}/quorum-fallback",
            new { reason = "The six-hour deadline is in 20 minutes and product is unreachable." })).JsonAsync();
        Assert.True(invoked.GetProperty("invoked").GetBoolean());
        Assert.Equal(["product", "corporate-marketing", "support"], invoked.GetProperty("waived").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("in-review", await WorkflowApi.StatusAsync(eve.Client, notice));
        await (await WorkflowApi.DecideAsync(lee.Client, notice, "approve", current.Hash())).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("approved", await WorkflowApi.StatusAsync(eve.Client, notice));
        var stages = (await WorkflowApi.RequirementsAsync(eve.Client, notice)).GetProperty("stages").EnumerateArray()
            .ToDictionary(s => s.GetProperty("team").GetString()!, s => s.GetProperty("state").GetString());
        Assert.Equal("waived", stages["product"]);
        Assert.Equal("approved", stages["legal"]);

        await using var db = app.Database.CreateContext();
        var recorded = await db.AuditEvents.SingleAsync(e => e.Action == "communication.quorum-fallback");
        Assert.Equal("sam@example.com", recorded.Actor);
        Assert.Contains("product is unreachable", recorded.Data, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_notice_linked_to_an_incident_takes_its_severity_approval_windows_and_follows_a_severity_change(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var eve = await app.AddUserAsync("eve@example.com", ["security"]);
        var incident = (await IncidentApi.OpenedAsync(eve.Client, new { title = "Phishing kit", kind = "other", severity = "s3", becameAwareAt = Aware, personalData = false })).Id();
        var notice = (await CommunicationsApi.CreateAsync(eve.Client, "Beware of phishing", "customer-security-notice")).Id();
        await (await Disclosure.DisclosureApi.LinkAsync(eve.Client, notice, incidentId: incident)).JsonAsync();
        await IncidentApi.AnswerFaqAsync(eve.Client, notice);
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(eve.Client, notice)).JsonAsync();
        var requirements = await WorkflowApi.RequirementsAsync(eve.Client, notice);
        Assert.False(requirements.GetProperty("emergency").GetBoolean());
        Assert.Equal(app.Time.GetUtcNow().AddHours(8), requirements.GetProperty("stages")[0].GetProperty("dueAt").GetDateTimeOffset());

        await (await eve.Client.PatchAsJsonAsync($"/api/v1/incidents/{incident}", new { severity = "s1" })).JsonAsync();
        requirements = await WorkflowApi.RequirementsAsync(eve.Client, notice);
        Assert.True(requirements.GetProperty("emergency").GetBoolean());
        Assert.Equal(app.Time.GetUtcNow().AddHours(1), requirements.GetProperty("stages")[0].GetProperty("dueAt").GetDateTimeOffset());
        var timeline = await (await eve.Client.GetAsync($"/api/v1/incidents/{incident}/timeline")).JsonAsync();
        Assert.Contains(timeline.EnumerateArray(), e => e.GetProperty("text").GetString() == "Severity changed from S3 to S1.");
    }
}
