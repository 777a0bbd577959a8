using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SecComms.Core.Identity;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Disclosure;

namespace SecComms.Web.Tests.Workflow;

/// <summary>The SAFE check: a public communication's author answers four questions, and flagged risks add approvers.</summary>
public sealed class SafeCheckTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Submitting_a_public_communication_is_refused_until_its_safe_questions_are_answered(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var release = await CommunicationsApi.CreateAsync(alice.Client, "Release");
        var id = release.Id();
        var requirements = await WorkflowApi.RequirementsAsync(alice.Client, id);
        Assert.Equal("missing", requirements.GetProperty("safe").GetProperty("state").GetString());
        Assert.Contains(requirements.GetProperty("outstanding").EnumerateArray(), o => (o.GetString() ?? "").Contains("SAFE questions", StringComparison.Ordinal));
        var before = await app.SnapshotAsync();

        var refused = await (await WorkflowApi.SubmitAsync(alice.Client, id)).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("is submitted for review only once the SAFE questions (sensitive, accurate, financial, effect) are answered", refused.Detail(), StringComparison.Ordinal);
        Assert.EndsWith("SC-1 has no SAFE answers.", refused.Detail(), StringComparison.Ordinal);
        Assert.Equal(before, await app.SnapshotAsync());
        var missing = await (await alice.Client.GetAsync($"/api/v1/communications/{id}/safe")).JsonAsync();
        Assert.Equal("missing", missing.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, missing.GetProperty("answers").ValueKind);

        var answered = await (await WorkflowApi.SafeAsync(alice.Client, id, notes: "Checked with the release manager.")).JsonAsync();

        Assert.Equal("answered", answered.GetProperty("state").GetString());
        Assert.Empty(answered.GetProperty("flags").EnumerateArray());
        Assert.Empty(answered.GetProperty("addedTeams").EnumerateArray());
        var answers = answered.GetProperty("answers");
        Assert.Equal("alice@example.com", answers.GetProperty("answeredBy").GetProperty("email").GetString());
        Assert.Equal(release.GetProperty("revision").GetProperty("contentHash").GetString(), answers.GetProperty("contentHash").GetString());
        Assert.Equal(1, answers.GetProperty("revision").GetInt32());
        Assert.Equal("Checked with the release manager.", answers.GetProperty("notes").GetString());
        var recorded = await ApprovalTests.AuditEventAsync(alice.Client, id, "communication.safe-answered");
        Assert.True(recorded.GetProperty("accurate").GetBoolean());
        Assert.Empty(recorded.GetProperty("flags").EnumerateArray());
        Assert.Equal("in-review", (await (await WorkflowApi.SubmitAsync(alice.Client, id)).JsonAsync()).GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_sensitive_flag_adds_legal_after_the_category_stages_and_publication_waits_for_it(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var id = (await CommunicationsApi.CreateAsync(alice.Client, "Release")).Id();
        await DisclosureApi.ShipFixAsync(alice.Client, id);
        var release = await (await alice.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();

        var safe = await (await WorkflowApi.SafeAsync(alice.Client, id, sensitive: true)).JsonAsync();

        Assert.Equal(["sensitive"], safe.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(["legal"], safe.GetProperty("addedTeams").EnumerateArray().Select(t => t.GetString()));
        await (await WorkflowApi.SubmitAsync(alice.Client, id)).JsonAsync();
        var stages = (await WorkflowApi.RequirementsAsync(alice.Client, id)).GetProperty("stages");
        Assert.Equal(["security", "legal"], stages.EnumerateArray().Select(s => s.GetProperty("team").GetString()));
        Assert.Equal(["waiting", "not-yet-open"], stages.EnumerateArray().Select(s => s.GetProperty("state").GetString()));
        Assert.Equal("safe-check", stages[1].GetProperty("when").GetString());
        Assert.Equal("flagged in the SAFE check: sensitive", stages[1].GetProperty("purpose").GetString());
        var early = await (await WorkflowApi.DecideAsync(lee.Client, id, "approve", release.Hash())).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("waits for stage 1 (security)", early.Detail(), StringComparison.Ordinal);

        await (await WorkflowApi.DecideAsync(sam.Client, id, "approve", release.Hash())).JsonAsync(HttpStatusCode.Created);

        Assert.Equal("in-review", await WorkflowApi.StatusAsync(alice.Client, id));
        Assert.False((await WorkflowApi.RequirementsAsync(alice.Client, id)).GetProperty("readyToPublish").GetBoolean());
        await (await WorkflowApi.PublishAsync(alice.Client, id)).AssertProblemAsync(HttpStatusCode.Conflict);
        var legal = await (await WorkflowApi.DecideAsync(lee.Client, id, "approve", release.Hash())).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("legal", legal.GetProperty("team").GetString());
        Assert.Equal(1, legal.GetProperty("stage").GetInt32());
        Assert.Equal("approved", await WorkflowApi.StatusAsync(alice.Client, id));
        Assert.True((await WorkflowApi.RequirementsAsync(alice.Client, id)).GetProperty("readyToPublish").GetBoolean());
        await (await WorkflowApi.PublishAsync(alice.Client, id)).JsonAsync();

        var frozen = await (await WorkflowApi.SafeAsync(alice.Client, id)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("SAFE answers can change only before publication; SC-1 is published.", frozen.Detail());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Changing_the_answers_after_approvals_adds_or_removes_stages_and_resettles_the_status(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var id = (await CommunicationsApi.CreateAsync(alice.Client, "Release")).Id();
        await DisclosureApi.ShipFixAsync(alice.Client, id);
        var release = await (await alice.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
        await (await WorkflowApi.SafeAsync(alice.Client, id, sensitive: true)).JsonAsync();
        await (await WorkflowApi.SubmitAsync(alice.Client, id)).JsonAsync();
        await (await WorkflowApi.DecideAsync(sam.Client, id, "approve", release.Hash())).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("in-review", await WorkflowApi.StatusAsync(alice.Client, id));

        var unflagged = await (await WorkflowApi.SafeAsync(alice.Client, id)).JsonAsync();

        Assert.Empty(unflagged.GetProperty("addedTeams").EnumerateArray());
        Assert.Equal("approved", await WorkflowApi.StatusAsync(alice.Client, id));
        var requirements = await WorkflowApi.RequirementsAsync(alice.Client, id);
        Assert.Equal(["security"], requirements.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("team").GetString()));
        Assert.True(requirements.GetProperty("readyToPublish").GetBoolean());
        var removed = await ApprovalTests.AuditEventAsync(alice.Client, id, "communication.safe-answered");
        Assert.Equal(["sensitive"], removed.GetProperty("previousFlags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("approved", removed.GetProperty("status").GetString());
        await (await alice.Client.PostJsonAsync($"/api/v1/communications/{id}/schedule", new { at = app.Time.GetUtcNow().AddDays(1) })).JsonAsync();

        await (await WorkflowApi.SafeAsync(alice.Client, id, financial: true, accurate: false)).JsonAsync();

        var reopened = await (await alice.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
        Assert.Equal("in-review", reopened.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("scheduledAt").ValueKind);
        var stages = (await WorkflowApi.RequirementsAsync(alice.Client, id)).GetProperty("stages");
        Assert.Equal(["security", "legal"], stages.EnumerateArray().Select(s => s.GetProperty("team").GetString()));
        Assert.Equal(["approved", "waiting"], stages.EnumerateArray().Select(s => s.GetProperty("state").GetString()));
        var added = await ApprovalTests.AuditEventAsync(alice.Client, id, "communication.safe-answered");
        Assert.Equal(["accurate", "financial"], added.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(["legal"], added.GetProperty("addedTeams").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("in-review", added.GetProperty("status").GetString());
        await (await WorkflowApi.DecideAsync(lee.Client, id, "approve", release.Hash())).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("approved", await WorkflowApi.StatusAsync(alice.Client, id));

        await (await WorkflowApi.SafeAsync(alice.Client, id, sensitive: true)).JsonAsync();
        Assert.Equal("approved", await WorkflowApi.StatusAsync(alice.Client, id));
        var before = await app.SnapshotAsync();
        await (await WorkflowApi.SafeAsync(alice.Client, id, sensitive: true)).JsonAsync();
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Confidential_communications_need_no_safe_answers(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var incident = await CommunicationsApi.CreateAsync(alice.Client, "Exposure", "incident-response");
        var id = incident.Id();
        var requirements = await WorkflowApi.RequirementsAsync(alice.Client, id);
        Assert.Equal("not-required", requirements.GetProperty("safe").GetProperty("state").GetString());
        Assert.DoesNotContain(requirements.GetProperty("outstanding").EnumerateArray(), o => (o.GetString() ?? "").Contains("SAFE", StringComparison.Ordinal));
        var before = await app.SnapshotAsync();

        var refused = await (await WorkflowApi.SafeAsync(alice.Client, id, sensitive: true)).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("Confidential communications need no SAFE check; SC-1 is confidential.", refused.Detail());
        Assert.Equal(before, await app.SnapshotAsync());
        Assert.Equal("in-review", (await (await WorkflowApi.SubmitAsync(alice.Client, id)).JsonAsync()).GetProperty("status").GetString());
        Assert.Equal("not-required", (await (await alice.Client.GetAsync($"/api/v1/communications/{id}/safe")).JsonAsync()).GetProperty("state").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Bad_answers_are_refused_with_a_reason_and_change_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var id = (await CommunicationsApi.CreateAsync(alice.Client, "Release")).Id();
        await (await WorkflowApi.SafeAsync(alice.Client, id, sensitive: true)).JsonAsync();
        var before = await app.SnapshotAsync();
        var url = $"/api/v1/communications/{id}/safe";

        var empty = await (await alice.Client.PutAsJsonAsync(url, new { })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["accurate", "effect", "financial", "sensitive"], empty.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        var missing = await (await alice.Client.PutAsJsonAsync(url, new { sensitive = false, accurate = true, financial = false })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["effect"], missing.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        var explicitNull = await (await alice.Client.PutAsJsonAsync(url, new { sensitive = (bool?)null, accurate = true, financial = false, effect = false }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("sensitive is required", explicitNull.Detail(), StringComparison.Ordinal);
        foreach (var body in new[]
        {
            """{"sensitive":"yes","accurate":true,"financial":false,"effect":false}""",
            """{"sensitive":false,"accurate":1,"financial":false,"effect":false}""",
            """{"sensitive":false,"accurate":true,"financial":false,"effect":false,"sensitiv":true}""",
            """{"sensitive":false,"accurate":true,"financial":false,"effect":false,"notes":42}""",
            """[true,true,false,false]""",
        })
        {
            var problem = await (await alice.Client.PutAsync(url, new StringContent(body, Encoding.UTF8, "application/json"))).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("not valid JSON", problem.Detail(), StringComparison.Ordinal);
        }
        var longNotes = await (await WorkflowApi.SafeAsync(alice.Client, id, notes: new string('n', 2_001))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("notes must be at most 2,000", longNotes.Detail(), StringComparison.Ordinal);
        await (await WorkflowApi.SafeAsync(alice.Client, id, notes: "bell\u0007")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(before, await app.SnapshotAsync());
        var safe = await (await alice.Client.GetAsync(url)).JsonAsync();
        Assert.Equal(["sensitive"], safe.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Only_an_author_or_the_owner_team_answers_and_outsiders_get_404(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var mo = await app.AddUserAsync("mo@example.com", ["corporate-marketing", "legal"]);
        var vic = await app.AddUserAsync("vic@example.com", ["security"], UserRole.Viewer);
        var id = (await CommunicationsApi.CreateAsync(alice.Client, "Release")).Id();
        var secret = (await CommunicationsApi.CreateAsync(alice.Client, "Embargoed", confidential: true)).Id();
        var before = await app.SnapshotAsync();

        var notAuthor = await (await WorkflowApi.SafeAsync(mo.Client, id, sensitive: true)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Only an author of SC-1 or a member of its owner team (security) may answer its SAFE questions.", notAuthor.Detail());
        await (await WorkflowApi.SafeAsync(vic.Client, id)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await WorkflowApi.SafeAsync(mo.Client, secret)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await mo.Client.GetAsync($"/api/v1/communications/{secret}/safe")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await app.SnapshotAsync());

        var owner = await (await WorkflowApi.SafeAsync(sam.Client, id)).JsonAsync();
        Assert.Equal("sam@example.com", owner.GetProperty("answers").GetProperty("answeredBy").GetProperty("email").GetString());
        var revised = await (await CommunicationsApi.ReviseAsync(mo.Client, id, 1, new { body = "Reworded by marketing." })).JsonAsync();
        var author = await (await WorkflowApi.SafeAsync(mo.Client, id, effect: true)).JsonAsync();
        Assert.Equal("mo@example.com", author.GetProperty("answers").GetProperty("answeredBy").GetProperty("email").GetString());
        Assert.Equal(2, author.GetProperty("answers").GetProperty("revision").GetInt32());
        Assert.Equal(revised.GetProperty("revision").GetProperty("contentHash").GetString(), author.GetProperty("answers").GetProperty("contentHash").GetString());
        Assert.Equal(["corporate-marketing"], author.GetProperty("addedTeams").EnumerateArray().Select(t => t.GetString()));
    }
}
