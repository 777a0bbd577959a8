using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecComms.Testing;

namespace SecComms.Cli.Tests.Communications;

public sealed class DisclosureCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_release_notice_is_linked_to_its_release_and_scheduled_once_the_fix_ships(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var created = await (await alice.Client.PostAsJsonAsync("/api/v1/communications",
            new { category = "security-release", title = "Security release 18.4.2", content = WrittenContent.For("Security release 18.4.2"), confidential = true })).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString() ?? "";
        var hash = created.GetProperty("packageHash").GetString();
        await (await alice.Client.PostAsync($"/api/v1/communications/{id}/submit", null)).JsonAsync();
        await (await sam.Client.PostAsJsonAsync($"/api/v1/communications/{id}/approvals", new { decision = "approve", packageHash = hash })).JsonAsync(HttpStatusCode.Created);
        var release = (await (await alice.Client.PostAsJsonAsync("/api/v1/releases", new { title = "18.4.2", kind = "planned" })).JsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetString() ?? "";
        var at = app.Time.GetUtcNow().AddHours(4).ToString("O");

        var closed = await Cli.RunAsync(app, alice.Token, "communications", "publish", id);
        var linked = await Cli.RunAsync(app, alice.Token, "communications", "link", id, "--release", release);
        // Linking a release changes what the approval covered, so the approver reads it again and approves it again.
        var relinked = (await (await sam.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync()).GetProperty("packageHash").GetString();
        Assert.NotEqual(hash, relinked);
        await (await sam.Client.PostAsJsonAsync($"/api/v1/communications/{id}/approvals", new { decision = "approve", packageHash = relinked }))
            .JsonAsync(HttpStatusCode.Created);
        var badTime = await Cli.RunAsync(app, alice.Token, "communications", "schedule", id, "--at", "next tuesday");
        var stillClosed = await Cli.RunAsync(app, alice.Token, "communications", "schedule", id, "--at", at);
        await (await alice.Client.PostAsync($"/api/v1/releases/{release}/publish", null)).JsonAsync();
        var requirements = await Cli.RunAsync(app, alice.Token, "communications", "requirements", id);
        var scheduled = await Cli.RunAsync(app, alice.Token, "communications", "schedule", id, "--at", at, "--json");

        closed.AssertFailed(ExitCodes.Refused, "fix-released: no security release is linked");
        linked.AssertSucceeded();
        Assert.Equal("SC-1: links saved.", linked.Lines[0]);
        Assert.Equal("Gate fix-released: closed, SR-1 (18.4.2) is planned, not yet published.", linked.Lines[1]);
        Assert.Equal("Gates open: no", linked.LastLine);
        badTime.AssertFailed(ExitCodes.Usage, "next tuesday");
        stillClosed.AssertFailed(ExitCodes.Refused, "SR-1 (18.4.2) is planned, not yet published");
        requirements.AssertSucceeded();
        Assert.Contains(requirements.Lines, l => l.StartsWith("Gate fix-released: open, SR-1 (18.4.2) was published at", StringComparison.Ordinal));
        Assert.Equal("Ready to publish: yes", requirements.LastLine);
        scheduled.AssertSucceeded();
        Assert.Equal("scheduled", JsonDocument.Parse(scheduled.Out).RootElement.GetProperty("status").GetString());
    }
}
