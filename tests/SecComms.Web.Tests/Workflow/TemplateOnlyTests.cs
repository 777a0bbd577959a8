using System.Net;
using System.Net.Http.Json;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Disclosure;

namespace SecComms.Web.Tests.Workflow;

public sealed class TemplateOnlyTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_approved_communication_that_still_reads_as_its_template_cannot_go_out(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var created = await (await alice.Client.PostAsJsonAsync("/api/v1/communications", new { category = "security-release", title = "Release 18.4.2" }))
            .JsonAsync(HttpStatusCode.Created);
        var id = created.Id();
        await DisclosureApi.ShipFixAsync(alice.Client, id);
        await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, id)).JsonAsync();
        var current = await (await sam.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
        await (await WorkflowApi.DecideAsync(sam.Client, id, "approve", current.Hash())).JsonAsync(HttpStatusCode.Created);

        var requirements = await WorkflowApi.RequirementsAsync(alice.Client, id);
        Assert.Equal("approved", requirements.GetProperty("status").GetString());
        Assert.False(requirements.GetProperty("readyToPublish").GetBoolean());
        Assert.Equal(["Text of its own: the body holds only the lines of the Security release template; write what its readers need to know."],
            requirements.GetProperty("outstanding").EnumerateArray().Select(o => o.GetString()));
        var before = await app.SnapshotAsync();
        var refused = await (await WorkflowApi.PublishAsync(alice.Client, id)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Text of its own: the body", refused.Detail(), StringComparison.Ordinal);
        await (await alice.Client.PostJsonAsync($"/api/v1/communications/{id}/schedule", new { at = app.Time.GetUtcNow().AddHours(1) }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(before, await app.SnapshotAsync());

        var body = created.Content().GetProperty("body").GetString() + "\nSessions could be taken over through a crafted link.\n";
        var revised = await (await CommunicationsApi.ReviseAsync(alice.Client, id, 1, new { body })).JsonAsync();
        Assert.DoesNotContain((await WorkflowApi.RequirementsAsync(alice.Client, id)).GetProperty("outstanding").EnumerateArray(),
            o => o.GetString()!.StartsWith("Text of its own", StringComparison.Ordinal));
        Assert.Equal("in-review", revised.GetProperty("status").GetString());
    }
}
