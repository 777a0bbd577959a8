using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecComms.Testing;

namespace SecComms.Cli.Tests.Communications;

/// <remarks>Confidential communications need no SAFE answers before review, so these tests stay about the commands.</remarks>
public sealed class WorkflowCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_post_is_submitted_approved_by_each_stage_on_the_hash_read_and_published(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var (alice, sam, mo, id) = await BlogPostAsync(app);
        var hash = await HashAsync(alice, id, "contentHash");
        var package = await HashAsync(alice, id, "packageHash");

        var submitted = await Cli.RunAsync(app, alice.Token, "communications", "submit", id);
        var waiting = await Cli.RunAsync(app, mo.Token, "communications", "requirements", id);
        var approved = await Cli.RunAsync(app, sam.Token, "communications", "approve", id, "--package-hash", package, "--comment", "Accurate.");
        var secondJson = await Cli.RunAsync(app, mo.Token, "communications", "approve", id, "--package-hash", package, "--stage", "corporate-marketing", "--json");
        var ready = await Cli.RunAsync(app, alice.Token, "communications", "requirements", id, "--json");
        var published = await Cli.RunAsync(app, alice.Token, "communications", "publish", id);

        submitted.AssertSucceeded();
        Assert.Equal("SC-1: submitted for review (revision 1); status is now in-review.", submitted.LastLine);
        waiting.AssertSucceeded();
        Assert.Equal($"SC-1: in-review, revision 1 ({hash})", waiting.Lines[0]);
        Assert.Matches("^STAGE +TEAM +STATE +APPROVED BY +REVISION +PURPOSE$", waiting.Lines[1]);
        Assert.Matches("^1 +security +waiting +- +-( |$)", waiting.Lines[2]);
        Assert.Matches("^2 +corporate-marketing +not-yet-open +- +- +final editorial review$", waiting.Lines[3]);
        Assert.Equal("Ready to publish: no", waiting.LastLine);
        approved.AssertSucceeded();
        Assert.Equal($"SC-1: approved revision 1 (package {package}) for stage 1 (security).", approved.LastLine);
        secondJson.AssertSucceeded();
        var decision = JsonDocument.Parse(secondJson.Out).RootElement;
        Assert.Equal("approved", decision.GetProperty("decision").GetString());
        Assert.Equal(hash, decision.GetProperty("contentHash").GetString());
        Assert.Equal(package, decision.GetProperty("packageHash").GetString());
        Assert.Equal("mo@example.com", decision.GetProperty("approver").GetProperty("email").GetString());
        ready.AssertSucceeded();
        var requirements = JsonDocument.Parse(ready.Out).RootElement;
        Assert.True(requirements.GetProperty("readyToPublish").GetBoolean());
        Assert.Equal(["approved", "approved"], requirements.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("state").GetString()));
        published.AssertSucceeded();
        Assert.Equal("SC-1: published (revision 1); status is now published.", published.LastLine);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Reject_needs_a_reason_and_returns_the_draft_to_its_author(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var (alice, sam, _, id) = await BlogPostAsync(app);
        (await Cli.RunAsync(app, alice.Token, "communications", "submit", id, "--json")).AssertSucceeded();

        var package = await HashAsync(alice, id, "packageHash");
        var noReason = await Cli.RunAsync(app, sam.Token, "communications", "reject", id, "--package-hash", package);
        var rejected = await Cli.RunAsync(app, sam.Token, "communications", "reject", id, "--package-hash", package, "--reason", "Name the affected versions.");
        var requirements = await Cli.RunAsync(app, alice.Token, "communications", "requirements", id);

        noReason.AssertFailed(ExitCodes.Usage, "--reason");
        rejected.AssertSucceeded();
        Assert.Matches("^SC-1: rejected revision 1 \\(package [0-9a-f]{64}\\) for stage 1 \\(security\\)\\.$", rejected.LastLine);
        Assert.StartsWith("SC-1: draft, revision 1", requirements.Lines[0], StringComparison.Ordinal);
        Assert.Contains("Outstanding: SC-1 is a draft: submit it for review.", requirements.Lines);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Refusals_are_one_line_on_stderr_and_change_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var (alice, _, mo, id) = await BlogPostAsync(app);

        var package = await HashAsync(alice, id, "packageHash");
        var notInReview = await Cli.RunAsync(app, mo.Token, "communications", "approve", id, "--package-hash", package);
        (await Cli.RunAsync(app, alice.Token, "communications", "submit", id)).AssertSucceeded();
        var own = await Cli.RunAsync(app, alice.Token, "communications", "approve", id, "--package-hash", package);
        var twice = await Cli.RunAsync(app, alice.Token, "communications", "submit", id);
        var early = await Cli.RunAsync(app, alice.Token, "communications", "publish", id);
        var badId = await Cli.RunAsync(app, alice.Token, "communications", "requirements", "SC-1");

        notInReview.AssertFailed(ExitCodes.Refused, "Only a communication in review can be approved; SC-1 is draft.");
        own.AssertFailed(ExitCodes.Refused, "No one may approve a text they wrote");
        twice.AssertFailed(ExitCodes.Refused, "Only a draft can be submitted for review; SC-1 is in review.");
        early.AssertFailed(ExitCodes.Refused, "Only an approved communication can be published; SC-1 is in review.");
        badId.AssertFailed(ExitCodes.Usage, "'SC-1' is not a communication id");
        Assert.Empty(own.Out);
        var approvals = await alice.Client.GetFromJsonAsync<JsonElement>($"/api/v1/communications/{id}/approvals");
        Assert.Equal(0, approvals.GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_approval_covers_only_the_package_the_person_was_shown(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var (alice, sam, _, id) = await BlogPostAsync(app);
        (await Cli.RunAsync(app, alice.Token, "communications", "submit", id)).AssertSucceeded();
        var shown = await HashAsync(alice, id, "packageHash");

        var unseen = await Cli.RunAsync(app, sam.Token, "communications", "approve", id);
        var declined = await Cli.RunInTerminalAsync(app, sam.Token, "no\n", "communications", "approve", id);
        using (var edit = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/communications/{id}/content")
        {
            Content = JsonContent.Create(new { body = "Changed after sam read it." }),
        })
        {
            edit.Headers.TryAddWithoutValidation("If-Match", "*");
            (await alice.Client.SendAsync(edit)).EnsureSuccessStatusCode();
        }
        var stale = await Cli.RunAsync(app, sam.Token, "communications", "approve", id, "--package-hash", shown);
        var confirmed = await Cli.RunInTerminalAsync(app, sam.Token, "yes\n", "communications", "approve", id);

        unseen.AssertFailed(ExitCodes.Usage, "--package-hash is required");
        Assert.Equal(ExitCodes.Cancelled, declined.ExitCode);
        Assert.Contains("Changed after sam read it.", confirmed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Changed after sam read it.", declined.Out, StringComparison.Ordinal);
        stale.AssertFailed(ExitCodes.Refused, $"You decided on package {shown}");
        confirmed.AssertSucceeded();
        var current = await HashAsync(alice, id, "packageHash");
        Assert.NotEqual(shown, current);
        Assert.Contains($"Approve SC-1, package {current}? Type yes to confirm:", confirmed.Out, StringComparison.Ordinal);
        var approvals = await alice.Client.GetFromJsonAsync<JsonElement>($"/api/v1/communications/{id}/approvals");
        Assert.Equal(current, Assert.Single(approvals.EnumerateArray()).GetProperty("packageHash").GetString());
    }

    /// <summary>A confidential blog post by alice (security) naming mo (corporate-marketing); sam (security) may approve its first stage.</summary>
    private static async Task<(TestUser Alice, TestUser Sam, TestUser Mo, string Id)> BlogPostAsync(SecCommsApp app)
    {
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var mo = await app.AddUserAsync("mo@example.com", ["corporate-marketing"]);
        var response = await alice.Client.PostAsJsonAsync("/api/v1/communications",
            new { category = "security-blog-post", title = "How we fixed it", content = WrittenContent.For("How we fixed it"), confidential = true, participants = new[] { "mo@example.com" } });
        var created = await response.JsonAsync(HttpStatusCode.Created);
        return (alice, sam, mo, created.GetProperty("id").GetString() ?? "");
    }

    private static async Task<string> HashAsync(TestUser user, string id, string which)
    {
        var communication = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/communications/{id}");
        return (which == "packageHash" ? communication : communication.GetProperty("revision")).GetProperty(which).GetString() ?? "";
    }
}
