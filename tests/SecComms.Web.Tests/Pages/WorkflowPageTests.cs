using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Pages;

/// <remarks>
/// Every flow that submits uses a confidential communication, which needs no SAFE answers, so these tests stay about the
/// review panels and forms.
/// </remarks>
public sealed class WorkflowPageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_post_is_submitted_approved_by_each_stage_on_the_hash_shown_and_published_from_the_page(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var (id, api, alice, sam, mo) = await BlogPostAsync(app);
        var details = $"/communications/{id}";

        var draft = WebUtility.HtmlDecode(await alice.GetHtmlAsync(details));
        Assert.Contains("<h2 id=\"requirements-heading\">Requirements</h2>", draft, StringComparison.Ordinal);
        Assert.Contains("Not ready to publish", draft, StringComparison.Ordinal);
        Assert.Contains("is a draft: submit it for review.", draft, StringComparison.Ordinal);
        Assert.Contains("No decisions yet.", draft, StringComparison.Ordinal);
        Assert.Contains("<span class=\"stage stage-waiting\">Asked once submitted</span>", draft, StringComparison.Ordinal);
        Assert.DoesNotContain("waiting on security", draft, StringComparison.Ordinal);

        var submitted = await alice.SubmitAsync(details, [], action: details + "?handler=Submit");

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var inReview = WebUtility.HtmlDecode(await alice.GetHtmlAsync(details));
        Assert.Contains("Submitted for review.", inReview, StringComparison.Ordinal);
        Assert.Contains("<span class=\"status status-inreview\">In review</span>", inReview, StringComparison.Ordinal);
        Assert.Contains("<span class=\"stage stage-waiting\">Waiting</span>", inReview, StringComparison.Ordinal);
        Assert.Contains("<span class=\"stage stage-notyetopen\">Not yet open</span>", inReview, StringComparison.Ordinal);
        Assert.DoesNotContain("?handler=Approve", inReview, StringComparison.Ordinal);
        Assert.DoesNotContain("?handler=Approve", await mo.GetHtmlAsync(details), StringComparison.Ordinal);

        var hash = await HashAsync(api, id);
        var forSam = WebUtility.HtmlDecode(await sam.GetHtmlAsync(details));
        Assert.Contains("Decide for security (stage 1)", forSam, StringComparison.Ordinal);
        Assert.Contains($"name=\"PackageHash\" value=\"{hash}\"", forSam, StringComparison.Ordinal);
        var approved = await sam.SubmitAsync(details, new() { ["PackageHash"] = hash, ["Stage"] = "security", ["Comment"] = "Accurate." },
            action: details + "?handler=Approve");

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var afterSam = WebUtility.HtmlDecode(await sam.GetHtmlAsync(details));
        Assert.Contains("Approved revision 1 for security.", afterSam, StringComparison.Ordinal);
        Assert.Contains("Approved by sam on revision 1", afterSam, StringComparison.Ordinal);
        Assert.Contains("<td>Accurate.</td>", afterSam, StringComparison.Ordinal);
        Assert.Contains("Decide for corporate-marketing (stage 2)", WebUtility.HtmlDecode(await mo.GetHtmlAsync(details)), StringComparison.Ordinal);

        await mo.SubmitAsync(details, new() { ["PackageHash"] = hash, ["Stage"] = "corporate-marketing" }, action: details + "?handler=Approve");
        var ready = WebUtility.HtmlDecode(await alice.GetHtmlAsync(details));
        Assert.Contains("<span class=\"badge badge-ready\">Ready to publish</span>", ready, StringComparison.Ordinal);
        Assert.Contains("Publish revision 1", ready, StringComparison.Ordinal);

        var unconfirmed = await alice.SubmitAsync(details, [], action: details + "?handler=Publish");
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Tick the box to confirm: publishing cannot be undone.", await PageSession.TextAsync(unconfirmed), StringComparison.Ordinal);
        Assert.Contains("I understand that publishing SC-1 cannot be undone", ready, StringComparison.Ordinal);
        Assert.Equal("approved", await WorkflowApi.StatusAsync(api.Client, id));
        var published = await alice.SubmitAsync(details, new() { ["Confirm"] = "true" }, action: details + "?handler=Publish");

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var final = WebUtility.HtmlDecode(await alice.GetHtmlAsync(details));
        Assert.Contains("Published revision 1.", final, StringComparison.Ordinal);
        Assert.Contains("<span class=\"status status-published\">Published</span>", final, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"actions-heading\"", final, StringComparison.Ordinal);
        Assert.Equal("published", await WorkflowApi.StatusAsync(api.Client, id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Approving_text_that_changed_after_the_page_was_read_is_refused_on_the_page_and_changes_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var (id, api, alice, sam, _) = await BlogPostAsync(app);
        var details = $"/communications/{id}";
        await alice.SubmitAsync(details, [], action: details + "?handler=Submit");
        var readHash = await HashAsync(api, id);
        (await CommunicationsApi.ReviseAsync(api.Client, id, 1, new { body = "Changed while sam was reading." })).EnsureSuccessStatusCode();
        var before = await app.SnapshotAsync();

        var stale = await sam.SubmitAsync(details, new() { ["PackageHash"] = readHash, ["Stage"] = "security" }, action: details + "?handler=Approve");
        var noReason = await sam.SubmitAsync(details, new() { ["PackageHash"] = await HashAsync(api, id), ["Stage"] = "security" },
            action: details + "?handler=Reject");

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var html = await PageSession.TextAsync(stale);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains($"You decided on package {readHash}, but SC-1 is now at revision 2", html, StringComparison.Ordinal);
        Assert.Contains($"name=\"PackageHash\" value=\"{await HashAsync(api, id)}\"", html, StringComparison.Ordinal);
        Assert.Contains("Say why you reject it: a rejection needs a comment.", await PageSession.TextAsync(noReason), StringComparison.Ordinal);
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_rejection_returns_the_draft_with_its_reason_and_an_author_is_refused_approval(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var (id, api, alice, sam, _) = await BlogPostAsync(app);
        var details = $"/communications/{id}";
        await alice.SubmitAsync(details, [], action: details + "?handler=Submit");
        var hash = await HashAsync(api, id);

        var own = await alice.SubmitAsync(details, new() { ["PackageHash"] = hash, ["Stage"] = "security" }, action: details + "?handler=Approve");
        var rejected = await sam.SubmitAsync(details, new() { ["PackageHash"] = hash, ["Stage"] = "security", ["Comment"] = "Name the affected versions." },
            action: details + "?handler=Reject");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("No one may approve a text they wrote", await PageSession.TextAsync(own), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        Assert.Contains("Rejected revision 1 for security", WebUtility.HtmlDecode(await sam.GetHtmlAsync(details)), StringComparison.Ordinal);
        var html = WebUtility.HtmlDecode(await alice.GetHtmlAsync(details));
        Assert.Contains("<span class=\"status status-draft\">Draft</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"status-reason\">Name the affected versions.</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"decision decision-rejected\">Rejected</span>", html, StringComparison.Ordinal);
        Assert.Contains("Submit for review", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_approved_post_is_scheduled_only_for_the_future_and_can_be_withdrawn_with_a_reason(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var (id, api, alice, sam, mo) = await BlogPostAsync(app);
        var details = $"/communications/{id}";
        await alice.SubmitAsync(details, [], action: details + "?handler=Submit");
        var hash = await HashAsync(api, id);
        await sam.SubmitAsync(details, new() { ["PackageHash"] = hash, ["Stage"] = "security" }, action: details + "?handler=Approve");
        await mo.SubmitAsync(details, new() { ["PackageHash"] = hash, ["Stage"] = "corporate-marketing" }, action: details + "?handler=Approve");
        var now = app.Time.GetUtcNow().UtcDateTime;

        var past = await alice.SubmitAsync(details, new() { ["At"] = now.AddHours(-1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture) },
            action: details + "?handler=Schedule");
        var future = await alice.SubmitAsync(details, new() { ["At"] = "2099-01-02T03:04" }, action: details + "?handler=Schedule");

        Assert.Equal(HttpStatusCode.OK, past.StatusCode);
        Assert.Contains("The publication time must be in the future", await PageSession.TextAsync(past), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, future.StatusCode);
        var scheduled = WebUtility.HtmlDecode(await alice.GetHtmlAsync(details));
        Assert.Contains("Scheduled for 2099-01-02 03:04 UTC.", scheduled, StringComparison.Ordinal);
        Assert.Contains("<span class=\"status status-scheduled\">Scheduled</span>", scheduled, StringComparison.Ordinal);

        var unconfirmed = await alice.SubmitAsync(details, new() { ["Reason"] = "The fix was rolled back." }, action: details + "?handler=Withdraw");

        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("data-valmsg-for=\"Confirm\" data-valmsg-replace=\"true\">Tick the box to confirm: withdrawing cannot be undone.</span>",
            await PageSession.TextAsync(unconfirmed), StringComparison.Ordinal);
        Assert.Equal("scheduled", await WorkflowApi.StatusAsync(api.Client, id));

        var noReason = await alice.SubmitAsync(details, new() { ["Reason"] = "", ["Confirm"] = "true" }, action: details + "?handler=Withdraw");
        var withdrawn = await alice.SubmitAsync(details, new() { ["Reason"] = "The fix was rolled back.", ["Confirm"] = "true" }, action: details + "?handler=Withdraw");

        Assert.Contains("The reason is required.", await PageSession.TextAsync(noReason), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        var html = WebUtility.HtmlDecode(await alice.GetHtmlAsync(details));
        Assert.Contains("<span class=\"status status-withdrawn\">Withdrawn</span>", html, StringComparison.Ordinal);
        Assert.Contains("The fix was rolled back.", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Security_gives_advice_on_a_media_engagement_and_closes_an_incident_message_only_after_its_incidents_decision(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var marketing = await app.AddUserAsync("mo@example.com", ["corporate-marketing"], password: PageSession.Password);
        var media = (await CommunicationsApi.CreateAsync(marketing.Client, "Interview", "media-engagement")).Id();
        var incident = (await CommunicationsApi.CreateAsync(marketing.Client, "Outage", "incident-response")).Id();
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        var mo = await PageSession.SignInAsync(app, "mo@example.com");

        var mediaPage = WebUtility.HtmlDecode(await sam.GetHtmlAsync($"/communications/{media}"));
        Assert.Contains("Advice from security", mediaPage, StringComparison.Ordinal);
        var advice = await sam.SubmitAsync($"/communications/{media}",
            new() { ["PackageHash"] = await HashAsync(marketing, media), ["Stage"] = "security", ["Comment"] = "Do not name the CVE yet." },
            action: $"/communications/{media}?handler=Advice");

        Assert.Equal(HttpStatusCode.Redirect, advice.StatusCode);
        var afterAdvice = WebUtility.HtmlDecode(await sam.GetHtmlAsync($"/communications/{media}"));
        Assert.Contains("Advice recorded for security.", afterAdvice, StringComparison.Ordinal);
        Assert.Contains("Do not name the CVE yet.", afterAdvice, StringComparison.Ordinal);

        Assert.DoesNotContain("?handler=NoPublicNotification", await mo.GetHtmlAsync($"/communications/{incident}"), StringComparison.Ordinal);
        var unconfirmed = await sam.SubmitAsync($"/communications/{incident}", new() { ["Reason"] = "No customer data was involved." },
            action: $"/communications/{incident}?handler=NoPublicNotification");

        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Tick the box to confirm: closing it with no public notification cannot be undone.", await PageSession.TextAsync(unconfirmed),
            StringComparison.Ordinal);
        Assert.Equal("draft", await WorkflowApi.StatusAsync(marketing.Client, incident));

        var refused = await mo.SubmitAsync($"/communications/{incident}", new() { ["Reason"] = "No customer data.", ["Confirm"] = "true" },
            action: $"/communications/{incident}?handler=NoPublicNotification");
        var closed = await sam.SubmitAsync($"/communications/{incident}", new() { ["Reason"] = "No customer data was involved.", ["Confirm"] = "true" },
            action: $"/communications/{incident}?handler=NoPublicNotification");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Only the security team decides that there is no public notification", await PageSession.TextAsync(refused), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Contains("can be closed with no public notification only once its incident's decision not to notify the public is approved",
            await PageSession.TextAsync(closed), StringComparison.Ordinal);
        Assert.Equal("draft", await WorkflowApi.StatusAsync(marketing.Client, incident));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Waiting_on_me_lists_only_what_waits_for_the_signed_in_persons_team(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var (id, api, alice, sam, mo) = await BlogPostAsync(app);
        await CommunicationsApi.CreateAsync(api.Client, "Still a draft", "security-blog-post", confidential: true);
        var details = $"/communications/{id}";
        await alice.SubmitAsync(details, [], action: details + "?handler=Submit");

        var forSam = WebUtility.HtmlDecode(await sam.GetHtmlAsync("/?waitingOn=me"));
        var forMo = WebUtility.HtmlDecode(await mo.GetHtmlAsync("/?waitingOn=me"));
        var forAlice = WebUtility.HtmlDecode(await alice.GetHtmlAsync("/?waitingOn=me"));
        var all = WebUtility.HtmlDecode(await sam.GetHtmlAsync("/"));
        var bad = WebUtility.HtmlDecode(await sam.GetHtmlAsync("/?waitingOn=everyone"));

        Assert.Contains(details, forSam, StringComparison.Ordinal);
        Assert.DoesNotContain("Still a draft", forSam, StringComparison.Ordinal);
        Assert.Contains("<a aria-current=\"page\" href=\"/?waitingOn=me\">Waiting on me</a>", forSam, StringComparison.Ordinal);
        Assert.Contains("Nothing is waiting on your approval.", forMo, StringComparison.Ordinal);
        Assert.Contains("Nothing is waiting on your approval.", forAlice, StringComparison.Ordinal);
        Assert.Contains("Still a draft", all, StringComparison.Ordinal);
        Assert.Contains("waitingOn must be 'me', not 'everyone'.", bad, StringComparison.Ordinal);
    }

    /// <summary>A confidential blog post by alice (security) with mo (corporate-marketing) named on it; sam (security) approves the first stage.</summary>
    private static async Task<(string Id, TestUser Api, PageSession Alice, PageSession Sam, PageSession Mo)> BlogPostAsync(SecCommsApp app)
    {
        var author = await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);
        await app.AddUserAsync("mo@example.com", ["corporate-marketing"], password: PageSession.Password);
        var post = await CommunicationsApi.CreateAsync(author.Client, "How we fixed it", "security-blog-post", confidential: true, participants: ["mo@example.com"]);
        var alice = await PageSession.SignInAsync(app, "alice@example.com");
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        var mo = await PageSession.SignInAsync(app, "mo@example.com");
        return (post.Id(), author, alice, sam, mo);
    }

    private static async Task<string> HashAsync(TestUser reader, string id) =>
        (await reader.Client.GetFromJsonAsync<JsonElement>($"/api/v1/communications/{id}")).Hash();
}
