using SecComms.Testing;

namespace SecComms.Cli.Tests.Distribution;

public sealed class WebhooksCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Webhooks_are_added_with_their_secret_shown_once_listed_and_removed(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var cara = await app.AddUserAsync("cara@example.com", ["customer-success"]);

        var added = await Cli.RunAsync(app, sam.Token, "webhooks", "add", "--name", "Status page", "--endpoint", "https://status.example.com/hooks/seccomms",
            "--format", "slack", "--category", "security-release", "--category", "customer-security-notice");
        var id = added.Lines[0][^36..];
        var listed = await Cli.RunAsync(app, sam.Token, "webhooks", "list");
        var badUrl = await Cli.RunAsync(app, sam.Token, "webhooks", "add", "--name", "Mail", "--endpoint", "ftp://example.com/");
        var badCategory = await Cli.RunAsync(app, sam.Token, "webhooks", "add", "--name", "Chat", "--endpoint", "https://chat.example.com/", "--category", "gossip");
        var inside = await Cli.RunAsync(app, sam.Token, "webhooks", "add", "--name", "Intranet", "--endpoint", "http://10.0.0.1/hook");
        var outsider = await Cli.RunAsync(app, cara.Token, "webhooks", "list");
        var removed = await Cli.RunAsync(app, sam.Token, "webhooks", "remove", id);
        var again = await Cli.RunAsync(app, sam.Token, "webhooks", "remove", id);
        var empty = await Cli.RunAsync(app, sam.Token, "webhooks", "list");

        added.AssertSucceeded();
        Assert.Matches("^Added the webhook Status page \\(slack\\) to https://status\\.example\\.com/hooks/seccomms\\. Id: [0-9a-f-]{36}$", added.Lines[0]);
        Assert.Matches("^Signing secret, shown only now: [0-9a-f]{64}$", added.LastLine);
        listed.AssertSucceeded();
        Assert.Matches("^NAME +URL +FORMAT +CATEGORIES +ACTIVE +OWNER +SENT +FAILED +PENDING +ID$", listed.Lines[0]);
        Assert.Matches($"^Status page +https://status\\.example\\.com/hooks/seccomms +slack +security-release,customer-security-notice +yes +sam@example\\.com +0 +0 +0 +{id}$",
            listed.Lines[1]);
        Assert.DoesNotContain(added.LastLine[^64..], listed.Out, StringComparison.Ordinal);
        badUrl.AssertFailed(ExitCodes.Refused, "url must be an absolute http or https address without credentials.");
        badCategory.AssertFailed(ExitCodes.Refused, "categories[0] 'gossip' is not a category of the policy.");
        inside.AssertFailed(ExitCodes.Refused, "url leads to 10.0.0.1, a private address, which webhooks may not reach unless Webhooks:AllowedInternalHosts allows it.");
        outsider.AssertFailed(ExitCodes.Refused, "Only the security team and administrators manage webhooks.");
        removed.AssertSucceeded();
        Assert.Equal($"Removed the webhook {id}.", removed.LastLine);
        again.AssertFailed(ExitCodes.Refused, "No such webhook.");
        Assert.Equal("No webhooks yet; `seccomms webhooks add` adds one.", empty.LastLine);
    }
}
