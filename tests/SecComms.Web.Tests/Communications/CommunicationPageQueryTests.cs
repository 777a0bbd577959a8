using System.Net;
using System.Net.Http.Json;
using SecComms.Testing;
using SecComms.Web.Tests.Disclosure;
using SecComms.Web.Tests.Incidents;
using SecComms.Web.Tests.Pages;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Communications;

/// <summary>
/// How many SQL commands a communication's page and its API answers cost, for a communication with everything a busy
/// one has: revisions, approvals, SAFE answers, an email audience, a release, an incident and a dispatch.
/// </summary>
public sealed class CommunicationPageQueryTests
{
    private const int PageBound = 12;

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_page_of_a_communication_in_review_takes_at_most_twelve_queries_for_its_approver_and_its_author(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var busy = await BusyCommunication.CreateAsync(app);
        var approver = await PageSession.SignInAsync(app, busy.Approver.Email);
        var author = await PageSession.SignInAsync(app, busy.Author.Email);

        foreach (var (who, session, sees) in new[] { ("approver", approver, "Decide for legal (stage 2)"), ("author", author, "Send test to approvers") })
        {
            var page = await app.Queries.GetAsync(session.Client, $"/communications/{busy.Id}");

            Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
            var html = WebUtility.HtmlDecode(await page.Response.Content.ReadAsStringAsync());
            foreach (var shown in new[] { "SC-1", "SR-1", "INC-1", "Approved by sam on revision 3", "Test send", sees })
            {
                Assert.Contains(shown, html, StringComparison.Ordinal);
            }
            Assert.True(page.Count <= PageBound, $"The page for its {who} ran {page.Count} queries, more than {PageBound}:\n{page.Listing}");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_communication_and_its_requirements_through_the_api_take_a_few_queries(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var busy = await BusyCommunication.CreateAsync(app);

        var communication = await app.Queries.GetAsync(busy.Approver.Client, $"/api/v1/communications/{busy.Id}");
        var requirements = await app.Queries.GetAsync(busy.Approver.Client, $"/api/v1/communications/{busy.Id}/requirements");

        var view = await communication.Response.JsonAsync();
        Assert.Equal("in-review", view.GetProperty("status").GetString());
        Assert.Equal(new[] { "alice@example.com" }, view.GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("email").GetString() ?? ""));
        Assert.Equal("legal", (await requirements.Response.JsonAsync()).GetProperty("stages").EnumerateArray()
            .Single(s => s.GetProperty("state").GetString() == "waiting").GetProperty("team").GetString());
        Assert.True(communication.Count <= 7, $"GET /api/v1/communications/{{id}} ran {communication.Count} queries:\n{communication.Listing}");
        Assert.True(requirements.Count <= 6, $"GET /api/v1/communications/{{id}}/requirements ran {requirements.Count} queries:\n{requirements.Listing}");
    }
}

/// <summary>
/// A customer security notice in review at its second stage: three revisions, the security stage approved, SAFE answers
/// that add the legal stage, a segment as its email audience, linked to a release and an incident, with a test send.
/// </summary>
internal sealed record BusyCommunication(string Id, TestUser Author, TestUser Approver)
{
    public static async Task<BusyCommunication> CreateAsync(SecCommsApp app)
    {
        var author = await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);
        var security = await app.AddUserAsync("sam@example.com", ["security"]);
        var legal = await app.AddUserAsync("lee@example.com", ["legal"], password: PageSession.Password);
        await AudienceSetup.OrganizationAsync(author.Client, "Acme");
        await AudienceSetup.OrganizationAsync(author.Client, "Globex");
        await AudienceSetup.ContactAsync(author.Client, "ann@acme.example", "Acme");
        await AudienceSetup.ContactAsync(author.Client, "gil@globex.example", "Globex");
        await AudienceSetup.SegmentAsync(author.Client, "enterprise", tiers: ["enterprise"]);

        var created = await CommunicationsApi.CreateAsync(author.Client, "Tokens exposed in build logs", "customer-security-notice");
        var id = created.Id();
        await (await CommunicationsApi.ReviseAsync(author.Client, id, 1, new { body = "Build logs of public projects showed deploy tokens.\n\nRotate them." })).JsonAsync();
        await (await CommunicationsApi.ReviseAsync(author.Client, id, 2, new { supportFaq = IncidentApi.AnsweredFaq })).JsonAsync();
        await (await author.Client.PutAsJsonAsync($"/api/v1/communications/{id}/audience", new { segment = "enterprise" })).JsonAsync();
        var release = await DisclosureApi.CreateReleaseAsync(author.Client);
        var incident = (await IncidentApi.OpenedAsync(author.Client, new
        {
            title = "Tokens in build logs",
            kind = "data-loss",
            severity = "s2",
            becameAwareAt = app.Time.GetUtcNow().AddHours(-2),
            personalData = false,
        })).Id();
        await (await DisclosureApi.LinkAsync(author.Client, id, release, incident)).JsonAsync();
        await (await WorkflowApi.SafeAsync(author.Client, id, sensitive: true)).JsonAsync();
        await (await WorkflowApi.SubmitAsync(author.Client, id)).JsonAsync();
        var current = await (await security.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
        await (await WorkflowApi.DecideAsync(security.Client, id, "approve", current.Hash(), stage: "security")).JsonAsync(HttpStatusCode.Created);
        await (await author.Client.PostAsync($"/api/v1/communications/{id}/test-send", null)).JsonAsync(HttpStatusCode.Created);
        return new BusyCommunication(id, author, legal);
    }
}
