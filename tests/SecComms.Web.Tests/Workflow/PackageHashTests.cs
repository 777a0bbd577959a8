using System.Net;
using System.Net.Http.Json;
using SecComms.Testing;
using SecComms.Web.Tests.Disclosure;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Distribution;
using SecComms.Web.Tests.Incidents;
using SecComms.Web.Tests.Notifications;
using SecComms.Web.Tests.Releases;

namespace SecComms.Web.Tests.Workflow;

/// <summary>
/// An approval covers the whole disclosure package: the text, the release, the incident, the embargo and the audience
/// with its segment's definition. Changing any of them after a stage approved resets the approvals as an edit does.
/// </summary>
public sealed class PackageHashTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Changing_the_audience_of_approved_text_returns_it_to_review_and_tells_the_approver(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var (alice, sam) = await PeopleAsync(app);
        await (await DistributionApi.CreateSegmentAsync(alice.Client, new { key = "enterprise", name = "Enterprise", tiers = new[] { "enterprise" } }))
            .JsonAsync(HttpStatusCode.Created);
        await (await DistributionApi.CreateSegmentAsync(alice.Client, new { key = "everyone", name = "Everyone", mandatory = true })).JsonAsync(HttpStatusCode.Created);
        var id = await DistributionApi.ApprovedNoticeAsync(alice, sam, segment: "enterprise");
        Assert.Equal("approved", await WorkflowApi.StatusAsync(alice.Client, id));
        var before = await app.DeliverAsync();

        await (await DistributionApi.SetAudienceAsync(alice.Client, id, new { segment = "everyone" })).JsonAsync();

        Assert.Equal("in-review", await WorkflowApi.StatusAsync(alice.Client, id));
        await (await WorkflowApi.PublishAsync(alice.Client, id)).AssertProblemAsync(HttpStatusCode.Conflict);
        var approvals = await (await alice.Client.GetAsync($"/api/v1/communications/{id}/approvals")).JsonAsync();
        Assert.False(Assert.Single(approvals.EnumerateArray()).GetProperty("current").GetBoolean());
        var reset = await ApprovalTests.AuditEventAsync(alice.Client, id, "communication.approvals-reset");
        Assert.Equal("audience", reset.GetProperty("change").GetString());
        var told = Assert.Single((await app.DeliverAsync()).Except(before));
        Assert.Equal("sam@example.com", told.To);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Removing_the_release_from_an_approved_notice_never_opens_its_gate(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var (alice, sam) = await PeopleAsync(app);
        var release = await DisclosureApi.CreateReleaseAsync(alice.Client);
        var created = await CommunicationsApi.CreateAsync(alice.Client, "Patch now", "customer-security-notice");
        var id = created.Id();
        await (await DisclosureApi.LinkAsync(alice.Client, id, release, embargoUntil: app.Time.GetUtcNow().AddDays(3))).JsonAsync();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, id)).JsonAsync();
        var shown = (await (await sam.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync()).Hash();
        await (await WorkflowApi.DecideAsync(sam.Client, id, "approve", shown)).JsonAsync(HttpStatusCode.Created);

        await (await DisclosureApi.LinkAsync(alice.Client, id)).JsonAsync();

        Assert.Equal("in-review", await WorkflowApi.StatusAsync(alice.Client, id));
        var refused = await (await WorkflowApi.PublishAsync(alice.Client, id)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Only an approved communication can be published", refused.Detail(), StringComparison.Ordinal);
        var reset = await ApprovalTests.AuditEventAsync(alice.Client, id, "communication.approvals-reset");
        Assert.Equal("links", reset.GetProperty("change").GetString());
        var again = await (await WorkflowApi.DecideAsync(sam.Client, id, "approve", shown)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains($"You decided on package {shown}", again.Detail(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Redefining_a_segment_resets_the_approved_communications_that_go_to_it(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var (alice, sam) = await PeopleAsync(app);
        await (await DistributionApi.CreateSegmentAsync(alice.Client, new { key = "enterprise", name = "Enterprise", tiers = new[] { "enterprise" } }))
            .JsonAsync(HttpStatusCode.Created);
        var id = await DistributionApi.ApprovedNoticeAsync(alice, sam, segment: "enterprise");

        await (await alice.Client.PutAsJsonAsync("/api/v1/audiences/enterprise", new { name = "Enterprise", tiers = new[] { "enterprise", "free" } })).JsonAsync();

        Assert.Equal("in-review", await WorkflowApi.StatusAsync(alice.Client, id));
        var reset = await ApprovalTests.AuditEventAsync(alice.Client, id, "communication.approvals-reset");
        Assert.Equal("segment", reset.GetProperty("change").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_package_hash_covers_the_text_links_embargo_and_audience_and_nothing_else(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var (alice, _) = await PeopleAsync(app);
        await (await DistributionApi.CreateSegmentAsync(alice.Client, new { key = "everyone", name = "Everyone", mandatory = true })).JsonAsync(HttpStatusCode.Created);
        var id = (await CommunicationsApi.CreateAsync(alice.Client, "Patch now", "customer-security-notice")).Id();
        async Task<string> HashAsync() => (await (await alice.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync()).Hash();
        var hashes = new List<string> { await HashAsync() };

        await (await DisclosureApi.LinkAsync(alice.Client, id, embargoUntil: app.Time.GetUtcNow().AddDays(1))).JsonAsync();
        hashes.Add(await HashAsync());
        await (await DisclosureApi.LinkAsync(alice.Client, id, await DisclosureApi.CreateReleaseAsync(alice.Client),
            embargoUntil: app.Time.GetUtcNow().AddDays(1))).JsonAsync();
        hashes.Add(await HashAsync());
        await (await DistributionApi.SetAudienceAsync(alice.Client, id, new { segment = "everyone" })).JsonAsync();
        hashes.Add(await HashAsync());
        await (await CommunicationsApi.ReviseAsync(alice.Client, id, 1, new { body = "Upgrade to 18.4.2." })).JsonAsync();
        hashes.Add(await HashAsync());
        await (await WorkflowApi.SafeAsync(alice.Client, id)).JsonAsync();

        Assert.Equal(hashes.Count, hashes.Distinct().Count());
        Assert.Equal(hashes[^1], await HashAsync());
        Assert.All(hashes, h => Assert.Matches("^[0-9a-f]{64}$", h));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Naming_a_vulnerabilitys_edition_after_approval_returns_its_advisory_to_review(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var appsec = await app.AddUserAsync("ann@example.com", ["appsec"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var (_, details) = await ReleaseApi.PreparedAsync(appsec.Client);
        var advisory = details.Parts("advisory").First().Id();
        var read = await (await sam.Client.GetAsync($"/api/v1/communications/{advisory}")).JsonAsync();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(appsec.Client, advisory)).JsonAsync();
        await (await WorkflowApi.DecideAsync(sam.Client, advisory, "approve", read.Hash())).JsonAsync(HttpStatusCode.Created);
        var vulnerability = (await (await appsec.Client.GetAsync($"/api/v1/vulnerabilities?releaseId={details.GetProperty("release").Id()}")).JsonAsync()).GetProperty("items")[0].Id();

        await (await appsec.Client.PatchAsJsonAsync($"/api/v1/vulnerabilities/{vulnerability}", new { edition = "EE" })).JsonAsync();

        var now = await (await sam.Client.GetAsync($"/api/v1/communications/{advisory}")).JsonAsync();
        Assert.Equal("in-review", now.GetProperty("status").GetString());
        Assert.NotEqual(read.Hash(), now.Hash());
        Assert.Equal("release", (await ApprovalTests.AuditEventAsync(sam.Client, advisory, "communication.approvals-reset")).GetProperty("change").GetString());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Naming_other_affected_customers_returns_a_message_to_them_to_review(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var (alice, sam) = await PeopleAsync(app);
        var incident = (await IncidentApi.OpenedAsync(alice.Client, new
        {
            title = "Build logs readable",
            kind = "breach",
            severity = "s3",
            becameAwareAt = app.Time.GetUtcNow().AddHours(-1),
            personalData = false,
        })).Id();
        await (await alice.Client.PatchAsJsonAsync($"/api/v1/incidents/{incident}", new { details = new { affectedCustomers = new[] { "Acme" } } })).JsonAsync();
        var id = (await IncidentApi.DraftAsync(alice.Client, incident, "initial-notice")).Id();
        await IncidentApi.AnswerFaqAsync(alice.Client, id);
        await (await DistributionApi.SetAudienceAsync(alice.Client, id, new { affectedCustomers = true })).JsonAsync();
        await (await WorkflowApi.SubmitAsync(alice.Client, id)).JsonAsync();
        var shown = (await (await sam.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync()).Hash();
        await (await WorkflowApi.DecideAsync(sam.Client, id, "approve", shown, "security")).JsonAsync(HttpStatusCode.Created);
        await (await alice.Client.PatchAsJsonAsync($"/api/v1/incidents/{incident}", new { title = "Build logs were readable" })).JsonAsync();
        Assert.Equal(shown, (await (await sam.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync()).Hash());

        await (await alice.Client.PatchAsJsonAsync($"/api/v1/incidents/{incident}", new { details = new { affectedCustomers = new[] { "Acme", "Globex" } } }))
            .JsonAsync();

        Assert.NotEqual(shown, (await (await sam.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync()).Hash());
        var approvals = await (await alice.Client.GetAsync($"/api/v1/communications/{id}/approvals")).JsonAsync();
        Assert.False(Assert.Single(approvals.EnumerateArray()).GetProperty("current").GetBoolean());
        var reset = await ApprovalTests.AuditEventAsync(alice.Client, id, "communication.approvals-reset");
        Assert.Equal("affected customers", reset.GetProperty("change").GetString());
    }

    private static async Task<(TestUser Alice, TestUser Sam)> PeopleAsync(SecCommsApp app) =>
        (await app.AddUserAsync("alice@example.com", ["security"]), await app.AddUserAsync("sam@example.com", ["security"]));
}
