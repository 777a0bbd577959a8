using System.Net;
using System.Text.Json;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;

namespace SecComms.Web.Tests.Workflow;

public sealed class ApprovalTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_blog_post_is_published_after_security_then_editorial_review(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var mo = await app.AddUserAsync("mo@example.com", ["corporate-marketing"]);
        var post = await CommunicationsApi.CreateAsync(alice.Client, "How we fixed it", "security-blog-post");
        var id = post.Id();

        Assert.Equal("in-review", (await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, id)).JsonAsync()).GetProperty("status").GetString());
        var first = await (await WorkflowApi.DecideAsync(sam.Client, id, "approve", post.Hash(), comment: "Accurate.")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("security", first.GetProperty("team").GetString());
        Assert.Equal(1, first.GetProperty("revision").GetInt32());
        Assert.True(first.GetProperty("current").GetBoolean());
        var requirements = await WorkflowApi.RequirementsAsync(mo.Client, id);
        Assert.Equal(["approved", "waiting"], requirements.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("state").GetString()));
        Assert.Equal("final editorial review", requirements.GetProperty("stages")[1].GetProperty("purpose").GetString());
        Assert.False(requirements.GetProperty("readyToPublish").GetBoolean());

        await (await WorkflowApi.DecideAsync(mo.Client, id, "approve", post.Hash())).JsonAsync(HttpStatusCode.Created);

        Assert.Equal("approved", await WorkflowApi.StatusAsync(alice.Client, id));
        Assert.True((await WorkflowApi.RequirementsAsync(alice.Client, id)).GetProperty("readyToPublish").GetBoolean());
        var published = await (await WorkflowApi.PublishAsync(alice.Client, id)).JsonAsync();
        Assert.Equal("published", published.GetProperty("status").GetString());
        Assert.Equal(1, published.GetProperty("publishedRevision").GetInt32());
        Assert.Equal(app.Time.GetUtcNow(), published.GetProperty("publishedAt").GetDateTimeOffset());
        var approvals = await (await alice.Client.GetAsync($"/api/v1/communications/{id}/approvals")).JsonAsync();
        Assert.Equal(["sam@example.com", "mo@example.com"], approvals.EnumerateArray().Select(a => a.GetProperty("approver").GetProperty("email").GetString()));
        Assert.All(approvals.EnumerateArray(), a => Assert.False(string.IsNullOrEmpty(a.GetProperty("policyHash").GetString())));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_edit_resets_every_approval_and_the_audit_trail_names_the_approvers(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var mo = await app.AddUserAsync("mo@example.com", ["corporate-marketing"]);
        var post = await CommunicationsApi.CreateAsync(alice.Client, "Post", "security-blog-post");
        var id = post.Id();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, id)).JsonAsync();
        await (await WorkflowApi.DecideAsync(sam.Client, id, "approve", post.Hash())).JsonAsync(HttpStatusCode.Created);
        await (await WorkflowApi.DecideAsync(mo.Client, id, "approve", post.Hash())).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("approved", await WorkflowApi.StatusAsync(alice.Client, id));

        var revised = await (await CommunicationsApi.ReviseAsync(alice.Client, id, 1, new { body = "Changed after approval." })).JsonAsync();

        Assert.Equal("in-review", revised.GetProperty("status").GetString());
        var requirements = await WorkflowApi.RequirementsAsync(alice.Client, id);
        Assert.Equal(["waiting", "not-yet-open"], requirements.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("state").GetString()));
        var approvals = await (await alice.Client.GetAsync($"/api/v1/communications/{id}/approvals")).JsonAsync();
        Assert.All(approvals.EnumerateArray(), a => Assert.False(a.GetProperty("current").GetBoolean()));
        await (await WorkflowApi.PublishAsync(alice.Client, id)).AssertProblemAsync(HttpStatusCode.Conflict);
        var reset = await AuditEventAsync(alice.Client, id, "communication.approvals-reset");
        Assert.Equal(["sam@example.com", "mo@example.com"], reset.GetProperty("approvers").EnumerateArray().Select(a => a.GetProperty("email").GetString()));
        Assert.Equal("approved", reset.GetProperty("previousStatus").GetString());
        Assert.Equal(2, reset.GetProperty("revision").GetInt32());

        await (await WorkflowApi.DecideAsync(sam.Client, id, "approve", revised.Hash())).JsonAsync(HttpStatusCode.Created);
        await (await WorkflowApi.DecideAsync(mo.Client, id, "approve", revised.Hash())).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(2, (await (await WorkflowApi.PublishAsync(alice.Client, id)).JsonAsync()).GetProperty("publishedRevision").GetInt32());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Refused_decisions_name_the_rule_and_change_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security", "corporate-marketing"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var both = await app.AddUserAsync("bo@example.com", ["security", "corporate-marketing"]);
        var mo = await app.AddUserAsync("mo@example.com", ["corporate-marketing"]);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var post = await CommunicationsApi.CreateAsync(alice.Client, "Post", "security-blog-post");
        var id = post.Id();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, id)).JsonAsync();
        var before = await app.SnapshotAsync();

        var selfApproval = await (await WorkflowApi.DecideAsync(alice.Client, id, "approve", post.Hash(), "security")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("you authored a revision of SC-1", selfApproval.Detail(), StringComparison.Ordinal);
        var selfRejection = await (await WorkflowApi.DecideAsync(alice.Client, id, "reject", post.Hash(), "security", "Not good"))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("No one may reject a text they wrote", selfRejection.Detail(), StringComparison.Ordinal);
        var outOfOrder = await (await WorkflowApi.DecideAsync(mo.Client, id, "approve", post.Hash())).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("waits for stage 1 (security)", outOfOrder.Detail(), StringComparison.Ordinal);
        var wrongTeam = await (await WorkflowApi.DecideAsync(lee.Client, id, "approve", post.Hash())).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("you are not in team security", wrongTeam.Detail(), StringComparison.Ordinal);
        var namedWrongTeam = await (await WorkflowApi.DecideAsync(mo.Client, id, "approve", post.Hash(), "security")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("you are not in team security", namedWrongTeam.Detail(), StringComparison.Ordinal);
        var stale = await (await WorkflowApi.DecideAsync(sam.Client, id, "approve", new string('0', 64))).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Read it again and decide again", stale.Detail(), StringComparison.Ordinal);
        await (await WorkflowApi.DecideAsync(sam.Client, id, "approve", null)).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await WorkflowApi.DecideAsync(sam.Client, id, "reject", post.Hash())).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await WorkflowApi.DecideAsync(sam.Client, id, "maybe", post.Hash())).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await WorkflowApi.DecideAsync(sam.Client, id, "advice", post.Hash(), comment: "x")).AssertProblemAsync(HttpStatusCode.Conflict);
        var early = await (await WorkflowApi.PublishAsync(alice.Client, id)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Only an approved communication can be published; SC-1 is in review.", early.Detail());
        await (await WorkflowApi.SubmitAsync(alice.Client, id)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(before, await app.SnapshotAsync());

        await (await WorkflowApi.DecideAsync(both.Client, id, "approve", post.Hash())).JsonAsync(HttpStatusCode.Created);
        var secondStage = await (await WorkflowApi.DecideAsync(both.Client, id, "approve", post.Hash(), "corporate-marketing")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("One person may not fill two approval stages", secondStage.Detail(), StringComparison.Ordinal);
        var twice = await (await WorkflowApi.DecideAsync(sam.Client, id, "approve", post.Hash(), "security")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("has already approved revision 1", twice.Detail(), StringComparison.Ordinal);
        Assert.Equal("in-review", await WorkflowApi.StatusAsync(alice.Client, id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_rejection_returns_the_draft_with_its_reason_and_a_new_round_starts_afresh(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var mo = await app.AddUserAsync("mo@example.com", ["corporate-marketing"]);
        var post = await CommunicationsApi.CreateAsync(alice.Client, "Post", "security-blog-post");
        var id = post.Id();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, id)).JsonAsync();
        await (await WorkflowApi.DecideAsync(sam.Client, id, "approve", post.Hash())).JsonAsync(HttpStatusCode.Created);

        await (await WorkflowApi.DecideAsync(mo.Client, id, "reject", post.Hash(), comment: "Too long.")).JsonAsync(HttpStatusCode.Created);

        var draft = await (await alice.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal("Too long.", draft.GetProperty("statusReason").GetString());
        await (await WorkflowApi.SubmitAsync(alice.Client, id)).JsonAsync();
        var requirements = await WorkflowApi.RequirementsAsync(alice.Client, id);
        Assert.Equal("waiting", requirements.GetProperty("stages")[0].GetProperty("state").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_consult_records_advice_and_never_blocks(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var mo = await app.AddUserAsync("mo@example.com", ["corporate-marketing"]);
        var max = await app.AddUserAsync("max@example.com", ["corporate-marketing"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var article = await CommunicationsApi.CreateAsync(mo.Client, "Our approach", "contributed-article");
        var id = article.Id();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(mo.Client, id)).JsonAsync();

        await (await WorkflowApi.DecideAsync(lee.Client, id, "advice", article.Hash(), comment: "x")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var advice = await (await WorkflowApi.DecideAsync(sam.Client, id, "advice", article.Hash(), comment: "Do not name the CVE yet.")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("consult", advice.GetProperty("kind").GetString());
        Assert.Equal("waiting", (await WorkflowApi.RequirementsAsync(mo.Client, id)).GetProperty("stages")[0].GetProperty("state").GetString());
        await (await WorkflowApi.DecideAsync(max.Client, id, "approve", article.Hash())).JsonAsync(HttpStatusCode.Created);

        var requirements = await WorkflowApi.RequirementsAsync(mo.Client, id);
        Assert.True(requirements.GetProperty("readyToPublish").GetBoolean());
        Assert.Equal("Do not name the CVE yet.", Assert.Single(requirements.GetProperty("consults").EnumerateArray()).GetProperty("comment").GetString());
        await (await WorkflowApi.PublishAsync(mo.Client, id)).JsonAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Customers_affected_adds_the_customer_success_stage(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var incident = await CommunicationsApi.CreateAsync(alice.Client, "Exposure", "incident-response");
        var id = incident.Id();
        var stages = (await WorkflowApi.RequirementsAsync(alice.Client, id)).GetProperty("stages");
        Assert.Equal("not-required", stages[5].GetProperty("state").GetString());
        await (await alice.Client.PostJsonAsync($"/api/v1/communications/{id}/customers-affected", new { }))
            .AssertProblemAsync(System.Net.HttpStatusCode.BadRequest);

        var changed = await (await alice.Client.PostJsonAsync($"/api/v1/communications/{id}/customers-affected", new { customersAffected = true })).JsonAsync();

        Assert.True(changed.GetProperty("customersAffected").GetBoolean());
        stages = (await WorkflowApi.RequirementsAsync(alice.Client, id)).GetProperty("stages");
        Assert.Equal("customer-success", stages[5].GetProperty("team").GetString());
        Assert.Equal("not-yet-open", stages[5].GetProperty("state").GetString());
    }

    internal static async Task<JsonElement> AuditEventAsync(HttpClient security, string id, string action)
    {
        var page = await (await security.GetAsync($"/api/v1/audit?entity=communication:{id}&action={action}")).JsonAsync();
        var found = page.GetProperty("items").EnumerateArray().Last();
        var data = JsonDocument.Parse(found.GetProperty("data").GetString() ?? "").RootElement;
        Assert.False(string.IsNullOrEmpty(data.GetProperty("policyHash").GetString()));
        return data.TryGetProperty("decision", out var decision) ? decision : data;
    }
}
