using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Identity;
using SecComms.Testing;
using SecComms.Web.Tests.Disclosure;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Distribution;

public sealed class DistributionBadInputTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_unknown_segment_is_refused_when_chosen_and_an_empty_audience_refuses_the_publication(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var ann = await app.AddUserAsync("ann@example.com", ["security"]);
        await (await DistributionApi.ImportAsync(sam.Client, DistributionApi.Header + "\nada@acme.example,Ada,Acme,,enterprise,,,,yes\n")).JsonAsync();
        await (await DistributionApi.CreateSegmentAsync(sam.Client, new { key = "platinum", name = "Platinum", tiers = new[] { "platinum" } })).JsonAsync(HttpStatusCode.Created);
        var id = await DistributionApi.ApprovedNoticeAsync(sam, ann);
        var before = await app.SnapshotAsync();

        var unknown = await (await DistributionApi.SetAudienceAsync(sam.Client, id, new { segment = "nope" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("No segment has the key 'nope'.", unknown.GetProperty("errors").GetProperty("segment")[0].GetString());
        var both = await (await DistributionApi.SetAudienceAsync(sam.Client, id, new { segment = "platinum", affectedCustomers = true })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("not both", both.GetProperty("errors").GetProperty("segment")[0].GetString(), StringComparison.Ordinal);
        var noIncident = await (await DistributionApi.SetAudienceAsync(sam.Client, id, new { affectedCustomers = true })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("not linked to an incident", noIncident.GetProperty("errors").GetProperty("affectedCustomers")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.SnapshotAsync());

        await (await DistributionApi.SetAudienceAsync(sam.Client, id, new { segment = "platinum" })).JsonAsync();
        await DisclosureApi.ReapproveAsync(ann, id);
        var requirements = await WorkflowApi.RequirementsAsync(sam.Client, id);
        var empty = await (await WorkflowApi.PublishAsync(sam.Client, id)).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.False(requirements.GetProperty("readyToPublish").GetBoolean());
        Assert.Contains("An email audience that reaches someone: segment platinum (Platinum) reaches no one now.",
            requirements.GetProperty("outstanding").EnumerateArray().Select(o => o.GetString()));
        Assert.Contains("reaches no one", empty.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("approved", await WorkflowApi.StatusAsync(sam.Client, id));
        await using var db = app.Database.CreateContext();
        Assert.Equal(0, await db.Dispatches.CountAsync());
        Assert.Equal(0, await db.Deliveries.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Bad_files_segments_and_people_outside_the_audience_teams_are_refused_and_change_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var lee = await app.AddUserAsync("lee@example.com", ["legal"]);
        var vic = await app.AddUserAsync("vic@example.com", ["security"], UserRole.Viewer);
        var before = await app.SnapshotAsync();

        var header = await (await DistributionApi.ImportAsync(sam.Client, "email,full_name\nada@acme.example,Ada\n")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Line 1, the header: it lacks name, organization; 'full_name' is not a column. " +
            "The columns are email,name,organization,role,tier,deployment,product_version,region,subscribed.", header.GetProperty("errors").GetProperty("header")[0].GetString());
        var emptyFile = await (await DistributionApi.ImportAsync(sam.Client, "\n")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("The file is empty", emptyFile.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        await (await sam.Client.PostAsync("/api/v1/contacts/import", new StringContent("{}", Encoding.UTF8, "application/json"))).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        var key = await (await DistributionApi.CreateSegmentAsync(sam.Client, new { key = "Enterprise!", name = "" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(key.GetProperty("errors").TryGetProperty("key", out _));
        Assert.True(key.GetProperty("errors").TryGetProperty("name", out _));
        var version = await (await DistributionApi.CreateSegmentAsync(sam.Client, new { key = "old", name = "Old", productVersions = new[] { "16.x; drop" } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(version.GetProperty("errors").TryGetProperty("productVersions[0]", out _));
        await (await sam.Client.PostAsJsonAsync("/api/v1/audiences", new { key = "x", name = "X", deployments = new[] { "on-the-moon" } })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await sam.Client.PostAsJsonAsync("/api/v1/contacts", new { email = "not an address", name = "Ada", organization = "Acme" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await lee.Client.GetAsync("/api/v1/contacts")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await lee.Client.GetAsync("/api/v1/contacts/export")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await DistributionApi.ImportAsync(lee.Client, DistributionApi.Header + "\nada@acme.example,Ada,Acme,,,,,,\n")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await DistributionApi.ImportAsync(vic.Client, DistributionApi.Header + "\nada@acme.example,Ada,Acme,,,,,,\n")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await lee.Client.PostAsJsonAsync("/api/v1/webhooks", new { name = "Chat", url = "https://chat.example.com/hook" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        var hook = await (await sam.Client.PostAsJsonAsync("/api/v1/webhooks", new { name = "Chat", url = "ftp://chat.example.com/hook", categories = new[] { "nope" } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(hook.GetProperty("errors").TryGetProperty("url", out _));
        Assert.True(hook.GetProperty("errors").TryGetProperty("categories[0]", out _));

        Assert.Equal(before, await app.SnapshotAsync());
        await using var db = app.Database.CreateContext();
        Assert.Equal(0, await db.Contacts.CountAsync());
        Assert.Equal(0, await db.Segments.CountAsync());
    }
}
