using System.Net;
using System.Net.Http.Json;
using SecComms.Testing;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Disclosure;

/// <summary>
/// Who may let a communication out or change what goes out with it: its category's owner team and the policy's
/// publishers (security), never anyone merely able to read it.
/// </summary>
public sealed class DisclosurePermissionTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_member_outside_the_owner_team_and_security_can_neither_lift_an_embargo_nor_publish(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var sue = await app.AddUserAsync("sue@example.com", ["support"]);
        var id = await DisclosureApi.ApprovedNoticeAsync(alice, sam, "customer-security-notice");
        await (await DisclosureApi.LinkAsync(alice.Client, id, embargoUntil: app.Time.GetUtcNow().AddDays(3))).JsonAsync();
        var before = await app.SnapshotAsync();

        var lift = await (await DisclosureApi.LinkAsync(sue.Client, id)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Only the security team may change the release, incident or embargo of a customer-security-notice", lift.Detail(),
            StringComparison.Ordinal);
        await (await WorkflowApi.PublishAsync(sue.Client, id)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await sue.Client.PostJsonAsync($"/api/v1/communications/{id}/schedule", new { at = app.Time.GetUtcNow().AddDays(4) }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await sue.Client.PostJsonAsync($"/api/v1/communications/{id}/withdraw", new { reason = "Not mine to keep." }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await sue.Client.PutAsJsonAsync($"/api/v1/communications/{id}/audience", new { segment = "everyone-mandatory" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await sue.Client.PostAsync($"/api/v1/communications/{id}/test-send", null)).AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(before, await app.SnapshotAsync());
        var links = await (await alice.Client.GetAsync($"/api/v1/communications/{id}/links")).JsonAsync();
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, links.GetProperty("embargoUntil").ValueKind);
        var asSue = await (await sue.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
        Assert.Equal(["edit", "submit", "decide"], asSue.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()));
        var asAlice = await (await alice.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
        Assert.Contains("publish", asAlice.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_policy_names_who_publishes_besides_the_owner_team(string provider)
    {
        var policy = Core.Policy.PolicyLoader.DefaultYaml().Replace("publishers: [security]", "publishers: [security, support]", StringComparison.Ordinal);
        var file = Path.Combine(Directory.CreateTempSubdirectory("seccomms-policy-").FullName, "policy.yaml");
        await File.WriteAllTextAsync(file, policy);
        await using var app = await SecCommsApp.StartAsync(provider, new Dictionary<string, string?> { ["Policy:Path"] = file });
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var sue = await app.AddUserAsync("sue@example.com", ["support"]);
        var id = await DisclosureApi.ApprovedNoticeAsync(alice, sam, "customer-security-notice");

        await (await WorkflowApi.PublishAsync(sue.Client, id)).JsonAsync();

        Assert.Equal("published", await WorkflowApi.StatusAsync(alice.Client, id));
    }
}
