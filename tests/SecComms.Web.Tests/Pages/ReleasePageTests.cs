using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Releases;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Pages;

public sealed class ReleasePageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_release_is_planned_through_the_form_and_given_its_vulnerabilities_with_checkboxes(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var api = await app.AddUserAsync("api@example.com", ["appsec"]);
        var alice = await PageSession.AddAndSignInAsync(app, "alice@example.com", ["appsec"]);
        var rce = await ReleaseApi.FixedVulnerabilityAsync(api.Client, ReleaseApi.Rce());
        var xss = await ReleaseApi.FixedVulnerabilityAsync(api.Client, ReleaseApi.Xss());

        var refused = await alice.SubmitAsync("/releases", Plan("18.4.2, 18.4.1, 18.x"), action: "/releases");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusal = await PageSession.TextAsync(refused);
        Assert.Contains("role=\"alert\"", refusal, StringComparison.Ordinal);
        Assert.Matches(FieldError("Versions", "versions[2] '18.x' is not a version"), refusal);
        Assert.Contains("versions names the line 18.4 more than once", refusal, StringComparison.Ordinal);
        Assert.Contains("value=\"18.4.2, 18.4.1, 18.x\"", refusal, StringComparison.Ordinal);
        await using (var db = app.Database.CreateContext())
        {
            Assert.Equal(0, await db.SecurityReleases.CountAsync());
        }

        var planned = await alice.SubmitAsync("/releases", Plan("18.4.2, 18.3.5"), action: "/releases");

        Assert.Equal(HttpStatusCode.Redirect, planned.StatusCode);
        var location = planned.Headers.Location?.OriginalString ?? "";
        Assert.Matches("^/releases/[0-9a-f-]{36}$", location);
        var page = WebUtility.HtmlDecode(await alice.GetHtmlAsync(location));
        Assert.Contains("SR-1 is planned. Choose the vulnerabilities it fixes, then prepare it.", page, StringComparison.Ordinal);
        Assert.Contains("<h1>18.4.2 and 18.3.5</h1>", page, StringComparison.Ordinal);
        Assert.Contains("Covers 2 of 3 supported minor lines (18.4, 18.3).", page, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-11-26T00:00:00Z\">2026-11-26</time>", page, StringComparison.Ordinal);
        Assert.Contains($"id=\"fix-{rce}\" name=\"VulnerabilityIds\" value=\"{rce}\">", page, StringComparison.Ordinal);

        var bundled = await alice.SubmitAsync(location, new() { ["VulnerabilityIds[0]"] = rce, ["VulnerabilityIds[1]"] = xss },
            action: location + "?handler=Vulnerabilities");

        Assert.Equal(HttpStatusCode.Redirect, bundled.StatusCode);
        var after = WebUtility.HtmlDecode(await alice.GetHtmlAsync(location));
        Assert.Contains("SR-1 fixes 2 vulnerabilities.", after, StringComparison.Ordinal);
        Assert.Contains($"id=\"fix-{xss}\" name=\"VulnerabilityIds\" value=\"{xss}\" checked=\"checked\">", after, StringComparison.Ordinal);
        var list = WebUtility.HtmlDecode(await alice.GetHtmlAsync("/releases"));
        Assert.Matches(new Regex($"<a href=\"{location}\">18.4.2 and 18.3.5</a></td>\\s*<td>Planned</td>\\s*<td><span class=\"status status-planned\">Planned</span></td>"
            + "\\s*<td>\\s*<time[^>]*>2026-11-26</time>\\s*</td>\\s*<td class=\"numeric\">2</td>\\s*<td class=\"numeric\">0</td>"), list);
        Assert.Matches(new Regex(">Thu 2026-11-19</time>:\\s*Regular release\\s*</li>\\s*<li>\\s*<time[^>]*>Thu 2026-11-26</time>:\\s*Security release"), list);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_release_page_shows_the_communications_preparing_generated_and_where_each_stands(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var api = await app.AddUserAsync("api@example.com", ["security"]);
        var alice = await PageSession.AddAndSignInAsync(app, "alice@example.com", ["security"]);
        var mo = await PageSession.AddAndSignInAsync(app, "mo@example.com", ["corporate-marketing"]);
        var rce = await ReleaseApi.FixedVulnerabilityAsync(api.Client, ReleaseApi.Rce());
        var xss = await ReleaseApi.FixedVulnerabilityAsync(api.Client, ReleaseApi.Xss());
        var release = await ReleaseApi.PlanAsync(api.Client);
        await (await ReleaseApi.BundleAsync(api.Client, release, rce, xss)).JsonAsync();
        var url = $"/releases/{release}";
        Assert.Contains("None yet: preparing the release generates them.", await alice.GetHtmlAsync(url), StringComparison.Ordinal);

        var prepared = await alice.SubmitAsync(url, [], action: url + "?handler=Prepare");

        Assert.Equal(HttpStatusCode.Redirect, prepared.StatusCode);
        Assert.Equal($"{url}/package", prepared.Headers.Location?.OriginalString);
        var details = await ReleaseApi.DetailsAsync(api.Client, release);
        var blog = details.Part("blog-post");
        var page = WebUtility.HtmlDecode(await alice.GetHtmlAsync(url));
        Assert.Contains("SR-1 is prepared: 4 communications were generated.", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"status status-preparing\">Preparing</span>", page, StringComparison.Ordinal);
        Assert.Contains($"<a class=\"button button-primary\" href=\"{url}/package\">Review the package</a>", page, StringComparison.Ordinal);
        Assert.Matches(Row("Blog post", blog, "Draft", "Not yet submitted for review"), page);
        Assert.Matches(Row("Customer email", details.Part("customer-email"), "Draft", "Not yet submitted for review"), page);
        Assert.Equal(2, Regex.Count(page, "<td>Advisory for VULN-[12]</td>"));
        Assert.DoesNotContain("?handler=Prepare", page, StringComparison.Ordinal);
        Assert.DoesNotContain("?handler=Vulnerabilities", page, StringComparison.Ordinal);
        Assert.Contains("The generated communications agree with the vulnerability records.", page, StringComparison.Ordinal);

        await (await WorkflowApi.AnswerSafeAndSubmitAsync(api.Client, blog.Id())).JsonAsync();
        var advisory = details.Parts("advisory").First(a => a.GetProperty("title").GetString()!.StartsWith("CVE-2026-10002", StringComparison.Ordinal));
        var current = await (await api.Client.GetAsync($"/api/v1/communications/{advisory.Id()}")).JsonAsync();
        var body = current.Content().GetProperty("body").GetString()!;
        await (await CommunicationsApi.ReviseAsync(api.Client, advisory.Id(), 1,
            new { body = body.Replace("CVE-2026-10002", "CVE-2026-10003", StringComparison.Ordinal) })).JsonAsync();

        var reviewed = WebUtility.HtmlDecode(await alice.GetHtmlAsync(url));
        Assert.Matches(Row("Blog post", blog, "In review", "Waiting on security"), reviewed);
        var reference = advisory.GetProperty("reference").GetString();
        Assert.Contains($"<li><strong>{reference}</strong>: {reference} (advisory) mentions CVE-2026-10003, which is not the CVE id of VULN-2.</li>",
            reviewed, StringComparison.Ordinal);

        var outsider = WebUtility.HtmlDecode(await mo.GetHtmlAsync(url));
        Assert.Contains("SR-1 fixes 2 vulnerabilities. Only the Security and Application Security teams see which", outsider, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"VulnerabilityIds\"", outsider, StringComparison.Ordinal);
        Assert.DoesNotContain("Advisory for VULN-", outsider, StringComparison.Ordinal);
        Assert.DoesNotContain("Remote code execution through project imports</a>", outsider, StringComparison.Ordinal);
        Assert.DoesNotContain("?handler=Publish", outsider, StringComparison.Ordinal);
        Assert.DoesNotMatch(Row("Blog post", blog, "In review", "Waiting on security"), outsider);
        Assert.DoesNotContain(reference!, outsider, StringComparison.Ordinal);
        Assert.Contains("None that you may see: until SR-1 is published, what it generated is shown only to the Security and Application Security teams "
            + "and the people named on it.", outsider, StringComparison.Ordinal);

        var unconfirmed = await alice.SubmitAsync(url, [], action: url + "?handler=Publish");

        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Tick the box to confirm: publishing cannot be undone.", await PageSession.TextAsync(unconfirmed), StringComparison.Ordinal);
        Assert.Equal("preparing", (await ReleaseApi.DetailsAsync(api.Client, release)).GetProperty("release").GetProperty("status").GetString());

        var published = await alice.SubmitAsync(url, new() { ["Confirm"] = "true" }, action: url + "?handler=Publish");

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var done = WebUtility.HtmlDecode(await alice.GetHtmlAsync(url));
        Assert.Contains("SR-1 is published: its fixes are released and the fix-released gate of its communications is open.", done, StringComparison.Ordinal);
        Assert.Contains("<span class=\"status status-published\">Published</span>", done, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(done, "<span class=\"status status-released\">Released</span>"));
        Assert.DoesNotContain("?handler=Publish", done, StringComparison.Ordinal);
        Assert.Matches(Row("Blog post", blog, "In review", "Waiting on security"), WebUtility.HtmlDecode(await mo.GetHtmlAsync(url)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Preparing_a_release_that_is_not_ready_says_why_and_generates_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var api = await app.AddUserAsync("api@example.com", ["appsec"]);
        var alice = await PageSession.AddAndSignInAsync(app, "alice@example.com", ["appsec"]);
        var rce = (await ReleaseApi.CreateVulnerabilityAsync(api.Client, ReleaseApi.Rce())).Id();
        var release = await ReleaseApi.PlanAsync(api.Client, "critical");
        await (await ReleaseApi.BundleAsync(api.Client, release, rce)).JsonAsync();
        var url = $"/releases/{release}";

        var refused = await alice.SubmitAsync(url, [], action: url + "?handler=Prepare");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await PageSession.TextAsync(refused);
        Assert.Contains("<li>VULN-1 is triage, not fixed.</li>", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge badge-emergency\">Emergency deadlines</span>", page, StringComparison.Ordinal);
        Assert.Contains("on emergency deadlines", page, StringComparison.Ordinal);
        await using var db = app.Database.CreateContext();
        Assert.Equal(0, await db.Communications.CountAsync());
    }

    private static Dictionary<string, string> Plan(string versions) => new()
    {
        ["Kind"] = "Planned",
        ["Product"] = "Acme Platform",
        ["Versions"] = versions,
        ["PlannedFor"] = "2026-11-26",
        ["Title"] = "",
    };

    /// <summary>A communication's row: its part, its SC reference linking to it, its status and whom it waits on.</summary>
    private static Regex Row(string part, JsonElement communication, string status, string waiting) => new(
        $"<td>{Regex.Escape(part)}</td>\\s*<td><a (?=[^>]*href=\"/communications/{communication.Id()}\")[^>]*>{communication.GetProperty("reference").GetString()}</a></td>"
        + $"\\s*<td>[^<]*</td>\\s*<td><span class=\"status[^\"]*\">{status}</span>(?:(?!</tr>)[\\s\\S])*?{Regex.Escape(waiting)}");

    private static Regex FieldError(string field, string message) =>
        new($"<span class=\"[^\"]*field-validation-error[^\"]*\" data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>{Regex.Escape(message)}");
}
