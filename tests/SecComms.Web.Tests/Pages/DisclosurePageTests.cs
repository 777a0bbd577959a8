using System.Net;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Disclosure;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Pages;

public sealed class DisclosurePageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_gates_panel_links_the_release_and_publishing_past_a_closed_gate_asks_for_an_exception(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var api = await app.AddUserAsync("api@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var alice = await PageSession.AddAndSignInAsync(app, "alice@example.com", ["security"]);
        var id = await DisclosureApi.ApprovedNoticeAsync(api, sam);
        var release = await DisclosureApi.CreateReleaseAsync(api.Client, "18.4.2");
        var details = $"/communications/{id}";

        var closed = WebUtility.HtmlDecode(await alice.GetHtmlAsync(details));
        Assert.Contains("<h2 id=\"disclosure-heading\">Disclosure gates</h2>", closed, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge badge-not-ready\">Closed</span> <strong>fix-released</strong>: no security release is linked", closed, StringComparison.Ordinal);
        Assert.Contains("<option value=\"\">None (refused while gates are closed)</option>", closed, StringComparison.Ordinal);
        Assert.Contains($"/exceptions/new?communication={id}&gates=fix-released", closed, StringComparison.Ordinal);

        var refused = await alice.SubmitAsync(details, new() { ["Confirm"] = "true" }, action: details + "?handler=Publish");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("because its gates are closed", await PageSession.TextAsync(refused), StringComparison.Ordinal);
        Assert.Equal("approved", await WorkflowApi.StatusAsync(api.Client, id));

        var linked = await alice.SubmitAsync(details, new() { ["ReleaseId"] = release, ["EmbargoUntil"] = "" }, action: details + "?handler=Links");
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        var waiting = WebUtility.HtmlDecode(await alice.GetHtmlAsync(details));
        Assert.Contains("Links saved.", waiting, StringComparison.Ordinal);
        Assert.Contains("SR-1 18.4.2 (planned)", waiting, StringComparison.Ordinal);
        Assert.Contains("SR-1 (18.4.2) is planned, not yet published.", waiting, StringComparison.Ordinal);
        Assert.Equal("in-review", await WorkflowApi.StatusAsync(api.Client, id));
        var linkedPackage = await (await sam.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
        await (await WorkflowApi.DecideAsync(sam.Client, id, "approve", linkedPackage.Hash())).JsonAsync(HttpStatusCode.Created);

        var exception = await DisclosureApi.RegisterExceptionAsync(app, id, ["fix-released"]);
        var offered = WebUtility.HtmlDecode(await alice.GetHtmlAsync(details));
        Assert.Contains($"<option value=\"{exception}\">EX-1: fix-released, until", offered, StringComparison.Ordinal);
        var published = await alice.SubmitAsync(details, new() { ["ExceptionId"] = exception.ToString(), ["Confirm"] = "true" }, action: details + "?handler=Publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal("published", await WorkflowApi.StatusAsync(api.Client, id));
        Assert.DoesNotContain("?handler=Links", await alice.GetHtmlAsync(details), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_embargo_in_the_past_is_shown_as_an_error_and_saves_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await PageSession.AddAndSignInAsync(app, "alice@example.com", ["security"]);
        var api = await app.AddUserAsync("api@example.com", ["security"]);
        var id = (await CommunicationsApi.CreateAsync(api.Client, "Notice", "customer-security-notice")).Id();
        var details = $"/communications/{id}";
        var before = await app.SnapshotAsync();

        var refused = await alice.SubmitAsync(details, new() { ["EmbargoUntil"] = app.Time.GetUtcNow().AddDays(-1).ToString("yyyy-MM-ddTHH:mm") },
            action: details + "?handler=Links");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The end of the embargo must be in the future", await PageSession.TextAsync(refused), StringComparison.Ordinal);
        Assert.Equal(before, await app.SnapshotAsync());
    }
}
