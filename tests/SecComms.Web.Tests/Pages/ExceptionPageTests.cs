using System.Net;
using SecComms.Core.Identity;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Exceptions;

namespace SecComms.Web.Tests.Pages;

public sealed class ExceptionPageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_form_opened_from_a_communication_starts_with_it_and_its_gate_and_the_request_lands_in_the_register(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var lee = await PageSession.AddAndSignInAsync(app, "lee@example.com", ["legal"]);
        var release = (await CommunicationsApi.CreateAsync(alice.Client, "Runner 18.4.1")).Id();
        var form = $"/exceptions/new?communication={release}&gates=fix-released";

        var prefilled = WebUtility.HtmlDecode(await lee.GetHtmlAsync(form));
        Assert.Contains($"<option value=\"{release}\" selected=\"selected\">SC-1 Runner 18.4.1</option>", prefilled, StringComparison.Ordinal);
        Assert.Contains("id=\"gate-fix-released\" name=\"gates\" value=\"fix-released\" checked=\"checked\"", prefilled, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"embargo-passed\" checked", prefilled, StringComparison.Ordinal);
        Assert.Contains("value=\"Publication before the disclosure gate passes: fix-released\"", prefilled, StringComparison.Ordinal);

        var refused = await lee.SubmitAsync(form, Fields(release, periodDays: "91"), action: "/exceptions/new");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusal = await PageSession.TextAsync(refused);
        Assert.Contains("role=\"alert\"", refusal, StringComparison.Ordinal);
        Assert.Contains("The number of days the exception lasts may be at most 90", refusal, StringComparison.Ordinal);
        Assert.Contains("Customers are exposed until then.", refusal, StringComparison.Ordinal);
        Assert.Empty(await ExceptionsApi.ReferencesAsync(alice.Client));

        var created = await lee.SubmitAsync(form, Fields(release), action: "/exceptions/new");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var location = created.Headers.Location?.OriginalString ?? "";
        Assert.Matches("^/exceptions/[0-9a-f-]{36}$", location);
        var details = WebUtility.HtmlDecode(await lee.GetHtmlAsync(location));
        Assert.Contains("EX-1 was requested.", details, StringComparison.Ordinal);
        Assert.Contains("<span class=\"status status-requested\">Requested</span>", details, StringComparison.Ordinal);
        Assert.Contains("<span class=\"risk risk-high\">High</span>", details, StringComparison.Ordinal);
        Assert.Contains("SC-1</span> Runner 18.4.1", details, StringComparison.Ordinal);
        Assert.Contains("<dd>Fix released</dd>", details, StringComparison.Ordinal);
        Assert.Contains("Customers are exposed until then.", details, StringComparison.Ordinal);
        Assert.DoesNotContain("?handler=Approve", details, StringComparison.Ordinal);
        var list = WebUtility.HtmlDecode(await lee.GetHtmlAsync("/exceptions"));
        Assert.Contains($"<a href=\"{location}\">Ship the advisory before the fix</a>", list, StringComparison.Ordinal);
        Assert.Matches("<a (href=\"/exceptions\" aria-current=\"page\"|aria-current=\"page\" href=\"/exceptions\")>Exceptions</a>", list);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Approvers_decide_and_revoke_and_the_requester_extends_from_the_details_page(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider, ExceptionsApi.NoBackgroundSweep);
        var leeApi = await app.AddUserAsync("lee@example.com", ["legal"], password: PageSession.Password);
        var lee = await PageSession.SignInAsync(app, "lee@example.com");
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        var mo = await PageSession.AddAndSignInAsync(app, "mo@example.com", ["corporate-marketing"]);
        var id = (await ExceptionsApi.CreateAsync(leeApi.Client)).Id();
        var details = $"/exceptions/{id}";
        Assert.DoesNotContain("?handler=Approve", await mo.GetHtmlAsync(details), StringComparison.Ordinal);
        Assert.DoesNotContain("?handler=Approve", await lee.GetHtmlAsync(details), StringComparison.Ordinal);
        Assert.Contains("Approve EX-1", await sam.GetHtmlAsync(details), StringComparison.Ordinal);
        var before = await app.ExceptionSnapshotAsync();

        var unconfirmed = await sam.SubmitAsync(details, new() { ["Comment"] = "Ship the fix instead." }, action: details + "?handler=Reject");
        var noReason = await sam.SubmitAsync(details, new() { ["Confirm"] = "true" }, action: details + "?handler=Reject");
        var stranger = await mo.SubmitAsync(details, new() { ["Comment"] = "Fine by me" }, action: details + "?handler=Approve");

        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Tick the box to confirm: rejecting the exception cannot be undone.", await PageSession.TextAsync(unconfirmed), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("reason is required.", await PageSession.TextAsync(noReason), StringComparison.Ordinal);
        Assert.Contains("you are in none of them", await PageSession.TextAsync(stranger), StringComparison.Ordinal);
        Assert.Equal(before, await app.ExceptionSnapshotAsync());

        var approved = await sam.SubmitAsync(details, new() { ["Comment"] = "Until the release ships." }, action: details + "?handler=Approve");

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var afterApproval = WebUtility.HtmlDecode(await sam.GetHtmlAsync(details));
        Assert.Contains($"Approved: EX-1 is in force until {SecComms.Web.Pages.PageSupport.Utc(app.Time.GetUtcNow().AddDays(30))}.", afterApproval, StringComparison.Ordinal);
        Assert.Contains("<span class=\"status status-approved\">Approved</span>", afterApproval, StringComparison.Ordinal);
        Assert.Contains("Until the release ships.", afterApproval, StringComparison.Ordinal);
        Assert.Contains("Revoke EX-1", afterApproval, StringComparison.Ordinal);
        var forLee = WebUtility.HtmlDecode(await lee.GetHtmlAsync(details));
        Assert.DoesNotContain("Revoke EX-1", forLee, StringComparison.Ordinal);
        Assert.Contains("Request an extension", forLee, StringComparison.Ordinal);
        Assert.Contains("Waiting for the release (eight days)", forLee, StringComparison.Ordinal);

        var extended = await lee.SubmitAsync(details, new()
        {
            ["Justification"] = "The release slipped.",
            ["AlternativesConsidered"] = "None.",
            ["CompensatingControls"] = "As before.",
            ["Risk"] = "high",
            ["PeriodDays"] = "20",
        }, action: details + "?handler=Extend");

        Assert.Equal(HttpStatusCode.Redirect, extended.StatusCode);
        var extension = extended.Headers.Location?.OriginalString ?? "";
        Assert.NotEqual(details, extension);
        var extensionPage = WebUtility.HtmlDecode(await lee.GetHtmlAsync(extension));
        Assert.Contains("EX-2 was requested to extend EX-1; it waits for an approver.", extensionPage, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{details}\">EX-1</a> (Approved)", extensionPage, StringComparison.Ordinal);

        var unrevoked = await sam.SubmitAsync(details, new() { ["Reason"] = "The fix shipped early." }, action: details + "?handler=Revoke");

        Assert.Equal(HttpStatusCode.OK, unrevoked.StatusCode);
        Assert.Contains("Tick the box to confirm: revoking the exception cannot be undone.", await PageSession.TextAsync(unrevoked), StringComparison.Ordinal);
        Assert.Contains("<span class=\"status status-approved\">Approved</span>", WebUtility.HtmlDecode(await lee.GetHtmlAsync(details)), StringComparison.Ordinal);

        var revoked = await sam.SubmitAsync(details, new() { ["Reason"] = "The fix shipped early.", ["Confirm"] = "true" }, action: details + "?handler=Revoke");

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var afterRevocation = WebUtility.HtmlDecode(await lee.GetHtmlAsync(details));
        Assert.Contains("<span class=\"status status-revoked\">Revoked</span>", afterRevocation, StringComparison.Ordinal);
        Assert.Contains("The fix shipped early.", afterRevocation, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"actions-heading\"", afterRevocation, StringComparison.Ordinal);

        var other = $"/exceptions/{(await ExceptionsApi.CreateAsync(leeApi.Client)).Id()}";
        var rejected = await sam.SubmitAsync(other, new() { ["Comment"] = "Ship the fix instead.", ["Confirm"] = "true" }, action: other + "?handler=Reject");

        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        Assert.Contains("<span class=\"status status-rejected\">Rejected</span>", WebUtility.HtmlDecode(await lee.GetHtmlAsync(other)), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_list_filters_a_viewer_cannot_request_and_an_outsider_finds_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider, ExceptionsApi.NoBackgroundSweep);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        await app.AddUserAsync("vera@example.com", ["security"], UserRole.Viewer, PageSession.Password);
        var incident = await CommunicationsApi.CreateAsync(alice.Client, "Exposure", "incident-response");
        var hidden = await ExceptionsApi.ApprovedAsync(alice.Client, sam.Client, ExceptionsApi.Request(incident.Id(), ["incident-contained"], periodDays: 2));
        await ExceptionsApi.CreateAsync(alice.Client, ExceptionsApi.Request(risk: "low"));
        app.Time.Advance(TimeSpan.FromDays(3));
        var vera = await PageSession.SignInAsync(app, "vera@example.com");
        var mo = await PageSession.AddAndSignInAsync(app, "mo@example.com", ["corporate-marketing"]);

        var expired = WebUtility.HtmlDecode(await vera.GetHtmlAsync("/exceptions?status=Expired"));
        Assert.Contains("<option value=\"Expired\" selected=\"selected\">Expired</option>", expired, StringComparison.Ordinal);
        Assert.Contains("EX-1", expired, StringComparison.Ordinal);
        Assert.DoesNotContain("EX-2", expired, StringComparison.Ordinal);
        Assert.DoesNotContain("Request an exception", expired, StringComparison.Ordinal);
        Assert.Contains("No policy exceptions match these filters.", await vera.GetHtmlAsync("/exceptions?risk=Critical"), StringComparison.Ordinal);
        Assert.Contains("Viewers can read communications but not change them.", await vera.GetHtmlAsync("/exceptions/new", HttpStatusCode.Forbidden),
            StringComparison.Ordinal);

        var outsider = WebUtility.HtmlDecode(await mo.GetHtmlAsync("/exceptions"));
        Assert.Contains("EX-2", outsider, StringComparison.Ordinal);
        Assert.DoesNotContain("EX-1", outsider, StringComparison.Ordinal);
        Assert.Contains("<h1>Not found</h1>", await mo.GetHtmlAsync($"/exceptions/{hidden.Id()}", HttpStatusCode.NotFound), StringComparison.Ordinal);
        var prefilled = await mo.GetHtmlAsync($"/exceptions/new?communication={incident.Id()}");
        Assert.Contains($"There is no communication {incident.Id()}.", prefilled, StringComparison.Ordinal);
        Assert.DoesNotContain("Exposure", prefilled, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Fields(string communication, string periodDays = "14") => new()
    {
        ["communication"] = communication,
        ["gates"] = "fix-released",
        ["Rule"] = "Ship the advisory before the fix",
        ["Justification"] = "Customers are exposed until then.",
        ["AlternativesConsidered"] = "Waiting eight days.",
        ["CompensatingControls"] = "Mitigation only, no exploit details.",
        ["Risk"] = "high",
        ["PeriodDays"] = periodDays,
    };
}
