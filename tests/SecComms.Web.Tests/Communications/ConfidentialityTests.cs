using System.Net;
using SecComms.Testing;

namespace SecComms.Web.Tests.Communications;

public sealed class ConfidentialityTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_confidential_communication_does_not_exist_for_outsiders(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var legal = await app.AddUserAsync("lee@example.com", ["legal"]);
        var marketing = await app.AddUserAsync("mo@example.com", ["corporate-marketing"]);
        var admin = await app.AddUserAsync("root@example.com", [], Core.Identity.UserRole.Admin);
        var incident = await CommunicationsApi.CreateAsync(alice.Client, "Data exposure", "incident-response", participants: ["lee@example.com"]);
        var id = incident.Id();
        Assert.True(incident.GetProperty("confidential").GetBoolean());

        foreach (var outsider in new[] { marketing, admin })
        {
            var read = await outsider.Client.GetAsync($"/api/v1/communications/{id}");
            var missing = await outsider.Client.GetAsync($"/api/v1/communications/{Guid.NewGuid()}");
            Assert.Equal(
                (await missing.AssertProblemAsync(HttpStatusCode.NotFound)).GetProperty("title").GetString(),
                (await read.AssertProblemAsync(HttpStatusCode.NotFound)).GetProperty("title").GetString());
            await (await outsider.Client.GetAsync($"/api/v1/communications/{id}/revisions")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await outsider.Client.GetAsync($"/api/v1/communications/{id}/revisions/1")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await outsider.Client.GetAsync($"/api/v1/communications/{id}/revisions/1/diff")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await CommunicationsApi.ReviseAsync(outsider.Client, id, 1, new { body = "leak" })).AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Empty(CommunicationApiTests.Titles(await (await outsider.Client.GetAsync("/api/v1/communications")).JsonAsync()));
        }

        await (await legal.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
        Assert.Equal(["Data exposure"], CommunicationApiTests.Titles(await (await legal.Client.GetAsync("/api/v1/communications")).JsonAsync()));
        var securityColleague = await app.AddUserAsync("sam@example.com", ["security"]);
        await (await securityColleague.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_public_communication_is_visible_to_everyone_signed_in(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var support = await app.AddUserAsync("sue@example.com", ["support"]);
        var release = await CommunicationsApi.CreateAsync(alice.Client, "Release");

        Assert.False(release.GetProperty("confidential").GetBoolean());
        await (await support.Client.GetAsync($"/api/v1/communications/{release.Id()}")).JsonAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_viewer_reads_but_cannot_create_or_edit(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var viewer = await app.AddUserAsync("vic@example.com", [], Core.Identity.UserRole.Viewer);
        var release = await CommunicationsApi.CreateAsync(alice.Client, "Release");

        await (await viewer.Client.GetAsync($"/api/v1/communications/{release.Id()}")).JsonAsync();
        await (await viewer.Client.PostJsonAsync("/api/v1/communications", new { category = "security-release", title = "x" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await CommunicationsApi.ReviseAsync(viewer.Client, release.Id(), 1, new { body = "x" })).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
