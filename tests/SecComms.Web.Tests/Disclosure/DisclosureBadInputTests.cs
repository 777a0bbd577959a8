using System.Net;
using SecComms.Core.Identity;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Disclosure;

public sealed class DisclosureBadInputTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Bad_links_are_refused_and_change_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var mo = await app.AddUserAsync("mo@example.com", ["corporate-marketing"]);
        var viewer = await app.AddUserAsync("vic@example.com", ["security"], UserRole.Viewer);
        var id = (await CommunicationsApi.CreateAsync(alice.Client, "Notice", "customer-security-notice")).Id();
        var incident = (await (await alice.Client.PostJsonAsync("/api/v1/incidents", new
        {
            title = "Leaked key",
            kind = "breach",
            severity = "s1",
            becameAwareAt = app.Time.GetUtcNow(),
            personalData = true,
        })).JsonAsync(HttpStatusCode.Created)).Id();
        var before = await app.SnapshotAsync();

        var unknown = await (await DisclosureApi.LinkAsync(alice.Client, id, releaseId: Guid.NewGuid().ToString())).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("releaseId", out _));
        var past = await (await DisclosureApi.LinkAsync(alice.Client, id, embargoUntil: app.Time.GetUtcNow().AddMinutes(-5))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(past.GetProperty("errors").TryGetProperty("embargoUntil", out _));
        var outsider = await (await DisclosureApi.LinkAsync(mo.Client, id, incidentId: incident)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Only the security team may change the release, incident or embargo", outsider.Detail(), StringComparison.Ordinal);
        await (await DisclosureApi.LinkAsync(viewer.Client, id, embargoUntil: app.Time.GetUtcNow().AddDays(1))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await alice.Client.PutAsync($"/api/v1/communications/{id}/links", new StringContent("{\"embargo\":\"tomorrow\"}", null, "application/json")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await alice.Client.PutAsync($"/api/v1/communications/{id}/links", new StringContent("null", null, "application/json")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await DisclosureApi.LinkAsync(alice.Client, Guid.NewGuid().ToString(), embargoUntil: app.Time.GetUtcNow().AddDays(1))).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await app.SnapshotAsync());
        Assert.Empty((await WorkflowApi.RequirementsAsync(alice.Client, id)).Gates());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Incidents_belong_to_the_security_team_and_are_contained_once(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var mo = await app.AddUserAsync("mo@example.com", ["corporate-marketing"]);
        var before = await app.SnapshotAsync();

        var missing = await (await alice.Client.PostJsonAsync("/api/v1/incidents", new { title = "" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["becameAwareAt", "kind", "personalData", "severity", "title"],
            missing.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        await (await alice.Client.PostJsonAsync("/api/v1/incidents", new { title = "x", kind = "meteor", severity = "s1", becameAwareAt = app.Time.GetUtcNow(), personalData = false }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await mo.Client.PostJsonAsync("/api/v1/incidents", new { title = "x", kind = "breach", severity = "s1", becameAwareAt = app.Time.GetUtcNow(), personalData = false }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await app.SnapshotAsync());

        var incident = (await (await alice.Client.PostJsonAsync("/api/v1/incidents", new
        {
            title = "Leaked key",
            kind = "breach",
            severity = "s1",
            becameAwareAt = app.Time.GetUtcNow().AddHours(-1),
            personalData = true,
        })).JsonAsync(HttpStatusCode.Created)).Id();
        Assert.Equal("INC-1", (await (await alice.Client.GetAsync($"/api/v1/incidents/{incident}")).JsonAsync()).GetProperty("reference").GetString());
        await (await mo.Client.GetAsync($"/api/v1/incidents/{incident}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, (await (await mo.Client.GetAsync("/api/v1/incidents")).JsonAsync()).GetProperty("items").GetArrayLength());

        await (await alice.Client.PostJsonAsync($"/api/v1/incidents/{incident}/contain", new { at = app.Time.GetUtcNow().AddMinutes(5) }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await alice.Client.PostJsonAsync($"/api/v1/incidents/{incident}/contain", new { at = app.Time.GetUtcNow().AddHours(-2) }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await mo.Client.PostJsonAsync($"/api/v1/incidents/{incident}/contain", new { })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await alice.Client.PostJsonAsync($"/api/v1/incidents/{incident}/contain", new { })).JsonAsync();
        var again = await (await alice.Client.PostJsonAsync($"/api/v1/incidents/{incident}/contain", new { })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("INC-1 was already contained", again.Detail(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Releases_are_managed_by_security_and_published_once(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);
        var mo = await app.AddUserAsync("mo@example.com", ["corporate-marketing"]);

        await (await mo.Client.PostJsonAsync("/api/v1/releases", new { title = "18.4.2", kind = "planned" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        var missing = await (await alice.Client.PostJsonAsync("/api/v1/releases", new { title = " " })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["kind", "title"], missing.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        var release = await DisclosureApi.CreateReleaseAsync(alice.Client, kind: "critical");
        await (await mo.Client.PostAsync($"/api/v1/releases/{release}/publish", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await DisclosureApi.PublishReleaseAsync(alice.Client, release);
        await (await alice.Client.PostAsync($"/api/v1/releases/{release}/publish", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        var listed = (await (await mo.Client.GetAsync("/api/v1/releases")).JsonAsync()).GetProperty("items");
        Assert.Equal("published", listed[0].GetProperty("status").GetString());
        Assert.Equal("critical", listed[0].GetProperty("kind").GetString());
    }
}
