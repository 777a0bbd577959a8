using System.Net;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Disclosure;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Notifications;

public sealed class NotificationFlowTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Each_opened_stage_asks_its_team_once_and_never_the_author(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider, new Dictionary<string, string?> { ["SecComms:BaseUrl"] = "https://seccomms.example.com/" });
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        await app.AddUserAsync("sia@example.com", ["security", "corporate-marketing"]);
        await app.AddUserAsync("vic@example.com", ["security"], Core.Identity.UserRole.Viewer);
        var mo = await app.AddUserAsync("mo@example.com", ["corporate-marketing"]);
        await app.AddUserAsync("max@example.com", ["corporate-marketing"]);
        await app.AddUserAsync("lee@example.com", ["legal"]);
        var joined = await app.DeliverAsync();
        var post = await CommunicationsApi.CreateAsync(alice.Client, "How we fixed it", "security-blog-post");
        var id = post.Id();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, id)).JsonAsync();
        var submittedAt = app.Time.GetUtcNow();

        var first = (await app.DeliverAsync()).Except(joined).ToList();

        Assert.Equal(["sam@example.com", "sia@example.com"], first.Select(m => m.To).Order(StringComparer.Ordinal));
        var ask = first.Single(m => m.To == "sam@example.com");
        Assert.Equal("SC-1: your approval is needed by 2026-11-07 09:00 UTC", ask.Subject);
        Assert.Equal($"""
            SC-1 (Security blog post): How we fixed it

            Stage 1 (security: the security content is accurate and may be disclosed) is waiting for your team's approval.
            Read revision 1 and approve or reject it by 2026-11-07 09:00 UTC.

            https://seccomms.example.com/communications/{id}

            You receive this because you are a member of team security.

            """, ask.Body);
        Assert.Equal(first, (await app.DeliverAsync()).Except(joined));

        app.Time.Advance(TimeSpan.FromHours(2));
        await (await WorkflowApi.DecideAsync(sam.Client, id, "approve", post.Hash())).JsonAsync(HttpStatusCode.Created);
        var second = await app.DeliverAsync();

        var stageTwo = second.Except(joined).Except(first).ToList();
        Assert.Equal(["max@example.com", "mo@example.com", "sia@example.com"], stageTwo.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(stageTwo, m => Assert.Equal("SC-1: your approval is needed by 2026-11-07 11:00 UTC", m.Subject));
        Assert.Contains("Stage 2 (corporate-marketing: final editorial review) is waiting", stageTwo[0].Body, StringComparison.Ordinal);
        var requirements = await WorkflowApi.RequirementsAsync(mo.Client, id);
        Assert.Equal(submittedAt + TimeSpan.FromHours(2) + TimeSpan.FromDays(5), requirements.GetProperty("stages")[1].GetProperty("dueAt").GetDateTimeOffset());

        await (await WorkflowApi.DecideAsync(mo.Client, id, "approve", post.Hash())).JsonAsync(HttpStatusCode.Created);
        await (await WorkflowApi.PublishAsync(alice.Client, id)).JsonAsync();
        var all = (await app.DeliverAsync()).Except(joined).ToList();

        Assert.Equal(5, all.Count);
        Assert.DoesNotContain(all, m => m.To is "alice@example.com" or "vic@example.com" or "lee@example.com");
        Assert.Equal(all.Count, all.Select(m => m.MessageId).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_edit_after_approval_tells_the_approver_their_approval_was_reset(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        await app.AddUserAsync("mo@example.com", ["corporate-marketing"]);
        var post = await CommunicationsApi.CreateAsync(alice.Client, "Post", "security-blog-post");
        var id = post.Id();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, id)).JsonAsync();
        await (await WorkflowApi.DecideAsync(sam.Client, id, "approve", post.Hash())).JsonAsync(HttpStatusCode.Created);
        var before = await app.DeliverAsync();

        await (await CommunicationsApi.ReviseAsync(alice.Client, id, 1, new { body = "Changed after approval." })).JsonAsync();
        var after = await app.DeliverAsync();

        var reset = Assert.Single(after.Except(before));
        Assert.Equal("sam@example.com", reset.To);
        Assert.Equal("SC-1 changed: your approval no longer counts", reset.Subject);
        Assert.Contains("alice@example.com edited SC-1 after you approved revision 1 for stage 1 (security).", reset.Body, StringComparison.Ordinal);
        Assert.Contains("read revision 2 and decide again", reset.Body, StringComparison.Ordinal);
        Assert.Contains($"\nhttp://localhost/communications/{id}\n", reset.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Publication_is_told_to_the_fyi_teams_and_the_authors(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var bob = await app.AddUserAsync("bob@example.com", ["appsec"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        await app.AddUserAsync("sue@example.com", ["support"]);
        await app.AddUserAsync("cas@example.com", ["customer-success"], Core.Identity.UserRole.Viewer);
        await app.AddUserAsync("lee@example.com", ["legal"]);
        var release = await CommunicationsApi.CreateAsync(alice.Client, "Release 18.4.1", "security-release");
        var id = release.Id();
        await (await CommunicationsApi.ReviseAsync(bob.Client, id, 1, new { body = "Upgrade now." })).JsonAsync();
        await DisclosureApi.ShipFixAsync(alice.Client, id);
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, id)).JsonAsync();
        var shipped = await (await sam.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
        await (await WorkflowApi.DecideAsync(sam.Client, id, "approve", shipped.Hash())).JsonAsync(HttpStatusCode.Created);
        var before = await app.DeliverAsync();

        await (await WorkflowApi.PublishAsync(alice.Client, id)).JsonAsync();
        var published = (await app.DeliverAsync()).Except(before).ToList();

        Assert.Equal(["bob@example.com", "cas@example.com", "sue@example.com"], published.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(published, m => Assert.Equal("SC-1 was published", m.Subject));
        Assert.Contains("SC-1 was published at 2026-11-02 09:00 UTC (revision 2).", published[0].Body, StringComparison.Ordinal);
        Assert.Contains("because your team is told of every security release", published.Single(m => m.To == "sue@example.com").Body, StringComparison.Ordinal);
        Assert.Contains("because you wrote a revision of SC-1", published.Single(m => m.To == "bob@example.com").Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_confidential_communication_tells_no_one_who_may_not_see_it_and_never_its_text(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        await app.AddUserAsync("leo@example.com", ["legal"]);
        var joined = await app.DeliverAsync();
        var incident = await CommunicationsApi.CreateAsync(alice.Client, "Breach at Acme Corp", "incident-response", participants: ["lee@example.com"]);
        var id = incident.Id();
        await (await WorkflowApi.SubmitAsync(alice.Client, id)).JsonAsync();
        var securityStage = (await app.DeliverAsync()).Except(joined).ToList();
        await (await WorkflowApi.DecideAsync(sam.Client, id, "approve", incident.Hash())).JsonAsync(HttpStatusCode.Created);
        var legalStage = (await app.DeliverAsync()).Except(joined).Except(securityStage).ToList();
        await (await WorkflowApi.DecideAsync(lee.Client, id, "reject", incident.Hash(), comment: "Acme must not be named.")).JsonAsync(HttpStatusCode.Created);

        var mail = (await app.DeliverAsync()).Except(joined).ToList();

        Assert.Equal(["sam@example.com"], securityStage.Select(m => m.To));
        Assert.Equal(["lee@example.com"], legalStage.Select(m => m.To));
        Assert.Contains("Stage 2 (legal: legal, contractual and regulatory obligations) is waiting", legalStage[0].Body, StringComparison.Ordinal);
        Assert.Equal(["alice@example.com"], mail.To("SC-1 was rejected at stage 2 (legal)"));
        Assert.Equal(3, mail.Count);
        Assert.DoesNotContain(mail, m => m.To == "leo@example.com");
        Assert.All(mail, m =>
        {
            Assert.DoesNotContain("Acme", m.Subject + m.Body, StringComparison.Ordinal);
            Assert.Contains("SC-1 (Incident response communication (breach, customer compromise, data loss)), confidential: its text is only in SecComms.", m.Body,
                StringComparison.Ordinal);
        });
        Assert.Contains("lee@example.com rejected revision 1 of SC-1; it is a draft again.", mail.Single(m => m.To == "alice@example.com").Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_background_service_plans_and_sends_without_being_asked(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Notifications:Enabled"] = "true",
            ["Notifications:DeliveryInterval"] = "00:00:05",
        });
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        await app.AddUserAsync("sam@example.com", ["security"]);
        var id = (await CommunicationsApi.CreateAsync(alice.Client, "Release", "security-release")).Id();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, id)).JsonAsync();

        IReadOnlyList<Delivered> mail = [];
        for (var tick = 0; tick < 100 && !mail.To("SC-1").Any(); tick++)
        {
            app.Time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(100);
            mail = await app.ReadMailAsync();
        }

        Assert.Equal(["sam@example.com"], mail.To("SC-1"));
        Assert.Equal(["alice@example.com"], mail.To("sam@example.com was added"));
        Assert.Equal(2, mail.Count);
    }
}
