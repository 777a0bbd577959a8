using System.Net;
using System.Net.Http.Json;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Disclosure;
using SecComms.Web.Tests.Incidents;

namespace SecComms.Web.Tests.Workflow;

public sealed class TransitionTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_published_communication_is_frozen_and_cannot_be_published_again(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var id = await ApprovedReleaseAsync(alice, sam);
        await (await WorkflowApi.PublishAsync(alice.Client, id)).JsonAsync();
        var before = await app.SnapshotAsync();

        var again = await (await WorkflowApi.PublishAsync(alice.Client, id)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Only an approved communication can be published; SC-1 is published.", again.Detail());
        var edit = await (await CommunicationsApi.ReviseAsync(alice.Client, id, 1, new { body = "Sneaky change." })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("can no longer be edited; SC-1 is published", edit.Detail(), StringComparison.Ordinal);
        var withdraw = await (await alice.Client.PostJsonAsync($"/api/v1/communications/{id}/withdraw", new { reason = "Oops" })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Only a communication that is not yet published can be withdrawn", withdraw.Detail(), StringComparison.Ordinal);
        await (await alice.Client.PostJsonAsync($"/api/v1/communications/{id}/schedule", new { at = app.Time.GetUtcNow().AddDays(1) }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Scheduling_needs_a_time_in_the_future(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var id = await ApprovedReleaseAsync(alice, sam);
        var before = await app.SnapshotAsync();

        await (await alice.Client.PostJsonAsync($"/api/v1/communications/{id}/schedule", new { at = app.Time.GetUtcNow() }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await alice.Client.PostJsonAsync($"/api/v1/communications/{id}/schedule", new { at = app.Time.GetUtcNow().AddMinutes(-1) }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await app.SnapshotAsync());
        var at = app.Time.GetUtcNow().AddHours(2);
        var scheduled = await (await alice.Client.PostJsonAsync($"/api/v1/communications/{id}/schedule", new { at })).JsonAsync();
        Assert.Equal("scheduled", scheduled.GetProperty("status").GetString());
        Assert.Equal(at, scheduled.GetProperty("scheduledAt").GetDateTimeOffset());

        var rescheduled = app.Time.GetUtcNow().AddMinutes(30);
        await (await alice.Client.PostJsonAsync($"/api/v1/communications/{id}/schedule", new { at = rescheduled })).JsonAsync();
        Assert.Equal("published", (await (await WorkflowApi.PublishAsync(alice.Client, id)).JsonAsync()).GetProperty("status").GetString());
        await (await alice.Client.PostJsonAsync($"/api/v1/communications/{id}/schedule", new { at }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Illegal_transitions_name_the_rule(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var draft = (await CommunicationsApi.CreateAsync(alice.Client, "Draft")).Id();
        var before = await app.SnapshotAsync();

        var hash = (await (await alice.Client.GetAsync($"/api/v1/communications/{draft}")).JsonAsync()).Hash();
        Assert.Equal("Only a communication in review can be approved; SC-1 is draft.",
            (await (await WorkflowApi.DecideAsync(sam.Client, draft, "approve", hash)).AssertProblemAsync(HttpStatusCode.Conflict)).Detail());
        Assert.Equal("Only an approved communication can be scheduled; SC-1 is draft.",
            (await (await alice.Client.PostJsonAsync($"/api/v1/communications/{draft}/schedule", new { at = app.Time.GetUtcNow().AddDays(1) }))
                .AssertProblemAsync(HttpStatusCode.Conflict)).Detail());
        Assert.Equal("Only an approved communication can be published; SC-1 is draft.",
            (await (await WorkflowApi.PublishAsync(alice.Client, draft)).AssertProblemAsync(HttpStatusCode.Conflict)).Detail());
        await (await alice.Client.PostJsonAsync($"/api/v1/communications/{draft}/withdraw", new { reason = "" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await app.SnapshotAsync());

        var withdrawn = await (await alice.Client.PostJsonAsync($"/api/v1/communications/{draft}/withdraw", new { reason = "Superseded by SC-2." })).JsonAsync();
        Assert.Equal("withdrawn", withdrawn.GetProperty("status").GetString());
        Assert.Equal("Only a draft can be submitted for review; SC-1 is withdrawn.",
            (await (await WorkflowApi.SubmitAsync(alice.Client, draft)).AssertProblemAsync(HttpStatusCode.Conflict)).Detail());
        await (await CommunicationsApi.ReviseAsync(alice.Client, draft, 1, new { body = "x" })).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task No_public_notification_for_one_message_needs_its_incidents_approved_decision(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var release = (await CommunicationsApi.CreateAsync(alice.Client, "Release")).Id();
        var incident = (await IncidentApi.OpenedAsync(alice.Client, new
        {
            title = "Misrouted invoice email",
            kind = "accidental-disclosure",
            severity = "s3",
            becameAwareAt = app.Time.GetUtcNow().AddHours(-2),
            personalData = false,
        })).Id();
        var message = (await CommunicationsApi.CreateAsync(alice.Client, "Exposure", "incident-response")).Id();
        await (await DisclosureApi.LinkAsync(alice.Client, message, incidentId: incident)).JsonAsync();
        var before = await app.SnapshotAsync();

        var notIncident = await (await alice.Client.PostJsonAsync($"/api/v1/communications/{release}/decision", new { reason = "Minor." }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Only an incident communication can be closed with no public notification", notIncident.Detail(), StringComparison.Ordinal);
        var alone = await (await alice.Client.PostJsonAsync($"/api/v1/communications/{message}/decision", new { reason = "Minor." }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("only once its incident's decision not to notify the public is approved by security, legal", alone.Detail(), StringComparison.Ordinal);
        await (await alice.Client.PostJsonAsync($"/api/v1/communications/{message}/decision", new { reason = " " })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await app.SnapshotAsync());

        await (await alice.Client.PutAsJsonAsync($"/api/v1/incidents/{incident}/no-public-notification",
            new { reason = "One customer received another's invoice; both were told directly." })).JsonAsync();
        await (await lee.Client.PostAsync($"/api/v1/incidents/{incident}/no-public-notification/approve", null)).JsonAsync();
        await (await sam.Client.PostAsync($"/api/v1/incidents/{incident}/no-public-notification/approve", null)).JsonAsync();
        Assert.Equal("no-public-notification", await WorkflowApi.StatusAsync(alice.Client, message));

        var later = (await CommunicationsApi.CreateAsync(alice.Client, "Follow-up", "incident-response")).Id();
        await (await DisclosureApi.LinkAsync(alice.Client, later, incidentId: incident)).JsonAsync();
        var decided = await (await alice.Client.PostJsonAsync($"/api/v1/communications/{later}/decision",
            new { reason = "Covered by the incident's decision: no public notice is owed." })).JsonAsync();
        Assert.Equal("no-public-notification", decided.GetProperty("status").GetString());
        var decision = await ApprovalTests.AuditEventAsync(alice.Client, later, "communication.no-public-notification");
        Assert.StartsWith("Covered by the incident's decision", decision.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Every_workflow_endpoint_hides_a_confidential_communication_from_outsiders(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var mo = await app.AddUserAsync("mo@example.com", ["corporate-marketing", "legal", "product", "support"]);
        var created = await CommunicationsApi.CreateAsync(alice.Client, "Exposure", "incident-response");
        var id = created.Id();
        await (await WorkflowApi.SubmitAsync(alice.Client, id)).JsonAsync();
        var before = await app.SnapshotAsync();
        var at = app.Time.GetUtcNow().AddDays(1);

        HttpResponseMessage[] responses =
        [
            await WorkflowApi.SubmitAsync(mo.Client, id),
            await WorkflowApi.DecideAsync(mo.Client, id, "approve", created.Hash(), "legal"),
            await WorkflowApi.PublishAsync(mo.Client, id),
            await mo.Client.PostJsonAsync($"/api/v1/communications/{id}/schedule", new { at }),
            await mo.Client.PostJsonAsync($"/api/v1/communications/{id}/withdraw", new { reason = "x" }),
            await mo.Client.PostJsonAsync($"/api/v1/communications/{id}/decision", new { reason = "x" }),
            await mo.Client.PostJsonAsync($"/api/v1/communications/{id}/customers-affected", new { customersAffected = true }),
            await WorkflowApi.SafeAsync(mo.Client, id, sensitive: true),
            await mo.Client.GetAsync($"/api/v1/communications/{id}/safe"),
            await mo.Client.GetAsync($"/api/v1/communications/{id}/approvals"),
            await mo.Client.GetAsync($"/api/v1/communications/{id}/requirements"),
        ];

        foreach (var response in responses)
        {
            await response.AssertProblemAsync(HttpStatusCode.NotFound);
        }
        Assert.Empty(CommunicationApiTests.Titles(await (await mo.Client.GetAsync("/api/v1/communications?waitingOn=me")).JsonAsync()));
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Waiting_on_me_lists_what_awaits_my_teams_next_stage(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var mo = await app.AddUserAsync("mo@example.com", ["corporate-marketing"]);
        var post = await CommunicationsApi.CreateAsync(alice.Client, "Post", "security-blog-post");
        var release = await CommunicationsApi.CreateAsync(alice.Client, "Release");
        await CommunicationsApi.CreateAsync(alice.Client, "Still a draft");
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, post.Id())).JsonAsync();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, release.Id())).JsonAsync();

        Assert.Equal(["Release", "Post"], await WaitingAsync(sam));
        Assert.Empty(await WaitingAsync(mo));
        await (await WorkflowApi.DecideAsync(sam.Client, post.Id(), "approve", post.Hash())).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(["Release"], await WaitingAsync(sam));
        Assert.Equal(["Post"], await WaitingAsync(mo));
        await (await mo.Client.GetAsync("/api/v1/communications?waitingOn=someone")).AssertProblemAsync(HttpStatusCode.BadRequest);

        static async Task<IEnumerable<string?>> WaitingAsync(TestUser user) =>
            CommunicationApiTests.Titles(await (await user.Client.GetAsync("/api/v1/communications?waitingOn=me")).JsonAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Approvers_and_an_editor_acting_at_once_never_leave_an_approval_on_a_stale_revision(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var mo = await app.AddUserAsync("mo@example.com", ["corporate-marketing"]);
        for (var round = 0; round < 6; round++)
        {
            var post = await CommunicationsApi.CreateAsync(alice.Client, $"Post {round}", "security-blog-post");
            var id = post.Id();
            await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, id)).JsonAsync();

            var responses = await Task.WhenAll(
                WorkflowApi.DecideAsync(sam.Client, id, "approve", post.Hash()),
                WorkflowApi.DecideAsync(mo.Client, id, "approve", post.Hash()),
                CommunicationsApi.ReviseAsync(alice.Client, id, 1, new { body = $"Edited in round {round}." }));

            Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString()));
            Assert.Equal(HttpStatusCode.OK, responses[2].StatusCode);
            var requirements = await WorkflowApi.RequirementsAsync(alice.Client, id);
            Assert.Equal(2, requirements.GetProperty("revision").GetInt32());
            Assert.Equal("in-review", requirements.GetProperty("status").GetString());
            Assert.Equal(["waiting", "not-yet-open"], requirements.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("state").GetString()));
            var approvals = await (await alice.Client.GetAsync($"/api/v1/communications/{id}/approvals")).JsonAsync();
            Assert.All(approvals.EnumerateArray(), a =>
            {
                Assert.Equal(1, a.GetProperty("revision").GetInt32());
                Assert.Equal(post.Hash(), a.GetProperty("packageHash").GetString());
                Assert.False(a.GetProperty("current").GetBoolean());
            });
        }
        var verify = await (await alice.Client.GetAsync("/api/v1/audit/verify")).JsonAsync();
        Assert.True(verify.GetProperty("valid").GetBoolean());
    }

    private static async Task<string> ApprovedReleaseAsync(TestUser author, TestUser approver)
    {
        var release = await CommunicationsApi.CreateAsync(author.Client, "Release");
        await DisclosureApi.ShipFixAsync(author.Client, release.Id());
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(author.Client, release.Id())).JsonAsync();
        var linked = await (await approver.Client.GetAsync($"/api/v1/communications/{release.Id()}")).JsonAsync();
        await (await WorkflowApi.DecideAsync(approver.Client, release.Id(), "approve", linked.Hash())).JsonAsync(HttpStatusCode.Created);
        return release.Id();
    }
}
