using System.Net;
using System.Net.Http.Json;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Disclosure;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Releases;

public sealed class ShipWithReleaseTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Armed_communications_go_out_in_the_transaction_that_publishes_their_release_and_one_not_ready_is_never_skipped_silently(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var (release, details) = await ReleaseApi.PreparedAsync(alice.Client);
        await ReleaseApi.AddressNoOneAsync(sam.Client, details);
        var ids = details.GetProperty("communications").EnumerateArray().Select(c => c.Id()).ToList();
        var embargoed = details.Parts("advisory").Last();
        var embargoedReference = embargoed.GetProperty("reference").GetString()!;
        await (await DisclosureApi.LinkAsync(sam.Client, embargoed.Id(), release, embargoUntil: app.Time.GetUtcNow().AddHours(2))).JsonAsync();
        var blog = details.Part("blog-post").Id();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, blog)).JsonAsync();
        var inReview = await (await ArmAsync(sam.Client, blog, true)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Only an approved communication can be armed", inReview.Detail(), StringComparison.Ordinal);
        foreach (var id in ids)
        {
            var current = await (await alice.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
            if (id != blog)
            {
                await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, id)).JsonAsync();
            }
            await (await WorkflowApi.DecideAsync(sam.Client, id, "approve", current.Hash())).JsonAsync(HttpStatusCode.Created);
        }

        await (await ArmAsync(alice.Client, blog, true)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await ArmAsync(sam.Client, blog, null)).AssertProblemAsync(HttpStatusCode.BadRequest);
        foreach (var id in ids)
        {
            var armed = await (await ArmAsync(sam.Client, id, true)).JsonAsync();
            Assert.True(armed.GetProperty("shipsWithRelease").GetBoolean());
        }
        var preview = (await ReleaseApi.DetailsAsync(alice.Client, release)).GetProperty("armed").EnumerateArray().ToList();
        Assert.Equal(4, preview.Count);
        var waiting = Assert.Single(preview, a => !a.GetProperty("ready").GetBoolean());
        Assert.Equal(embargoedReference, waiting.GetProperty("reference").GetString());
        Assert.StartsWith("Gate embargo-passed:", waiting.GetProperty("outstanding")[0].GetString(), StringComparison.Ordinal);

        var before = await app.SnapshotAsync();
        var refused = await (await PublishReleaseAsync(alice.Client, release, [])).AssertProblemAsync(HttpStatusCode.Conflict);
        var problem = Assert.Single(refused.GetProperty("problems").EnumerateArray());
        Assert.Equal(embargoedReference, problem.GetProperty("communication").GetString());
        Assert.Contains($"{embargoedReference}, armed to ship with it, cannot go out", refused.Detail(), StringComparison.Ordinal);
        await (await PublishReleaseAsync(alice.Client, release, ["SC-99"])).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await app.SnapshotAsync());
        Assert.Equal("preparing", (await ReleaseApi.DetailsAsync(alice.Client, release)).GetProperty("release").GetProperty("status").GetString());

        await (await PublishReleaseAsync(alice.Client, release, [embargoedReference])).JsonAsync();

        foreach (var id in ids.Where(i => i != embargoed.Id()))
        {
            var shipped = await (await alice.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
            Assert.Equal("published", shipped.GetProperty("status").GetString());
            Assert.False(shipped.GetProperty("shipsWithRelease").GetBoolean());
            var published = await ApprovalTests.AuditEventAsync(sam.Client, id, "communication.published");
            Assert.Equal("SR-1", published.GetProperty("shippedWith").GetString());
        }
        var left = await (await alice.Client.GetAsync($"/api/v1/communications/{embargoed.Id()}")).JsonAsync();
        Assert.Equal("approved", left.GetProperty("status").GetString());
        Assert.False(left.GetProperty("shipsWithRelease").GetBoolean());
        Assert.StartsWith("Left behind when SR-1 was published: Gate embargo-passed", left.GetProperty("statusReason").GetString(), StringComparison.Ordinal);
        using var anonymous = app.CreateClient();
        var page = await Advisories.PublicSiteApi.TextAsync(anonymous, $"/advisories/{details.Part("blog-post").GetProperty("reference").GetString()}");
        Assert.Contains("Acme Platform Security Release", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_edit_after_arming_disarms_it_as_it_resets_the_approvals(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var (_, details) = await ReleaseApi.PreparedAsync(alice.Client);
        var blog = details.Part("blog-post").Id();
        var current = await (await alice.Client.GetAsync($"/api/v1/communications/{blog}")).JsonAsync();
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, blog)).JsonAsync();
        await (await WorkflowApi.DecideAsync(sam.Client, blog, "approve", current.Hash())).JsonAsync(HttpStatusCode.Created);
        await (await ArmAsync(sam.Client, blog, true)).JsonAsync();

        var body = current.Content().GetProperty("body").GetString() + "\nOne more line.\n";
        var revised = await (await CommunicationsApi.ReviseAsync(alice.Client, blog, 1, new { body })).JsonAsync();

        Assert.Equal("in-review", revised.GetProperty("status").GetString());
        Assert.False(revised.GetProperty("shipsWithRelease").GetBoolean());
    }

    private static Task<HttpResponseMessage> ArmAsync(HttpClient client, string id, bool? armed) =>
        client.PutAsJsonAsync($"/api/v1/communications/{id}/ship-with-release", new { armed });

    private static Task<HttpResponseMessage> PublishReleaseAsync(HttpClient client, string release, string[] leaveBehind) =>
        client.PostAsJsonAsync($"/api/v1/releases/{release}/publish", new { leaveBehind });
}
