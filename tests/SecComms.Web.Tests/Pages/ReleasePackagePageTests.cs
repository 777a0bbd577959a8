using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SecComms.Testing;
using SecComms.Web.Pages;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Disclosure;
using SecComms.Web.Tests.Releases;
using SecComms.Web.Tests.Workflow;

namespace SecComms.Web.Tests.Pages;

public sealed partial class ReleasePackagePageTests
{
    private static readonly object Safe = new { sensitive = false, accurate = true, financial = false, effect = false };

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Approving_the_package_after_a_text_changed_approves_nothing_and_says_which_changed(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var ann = await app.AddUserAsync("ann@example.com", ["security"]);
        var ben = await PageSession.AddAndSignInAsync(app, "ben@example.com", ["security"]);
        var release = await SubmittedPackageAsync(ann);
        var url = $"/releases/{release}/package";
        var read = await ben.GetHtmlAsync(url);
        var decisions = Decisions(read);
        Assert.Equal(3, decisions.Count / 2);
        Assert.Contains("Approve all 3 that wait on you", read, StringComparison.Ordinal);
        var blog = (await ReleaseApi.DetailsAsync(ann.Client, release)).Part("blog-post");
        var current = await (await ann.Client.GetAsync($"/api/v1/communications/{blog.Id()}")).JsonAsync();
        await (await CommunicationsApi.ReviseAsync(ann.Client, blog.Id(), 1,
            new { body = current.Content().GetProperty("body").GetString() + "\n\nUpgrade today." })).JsonAsync();
        var before = await app.SnapshotAsync();

        decisions["__RequestVerificationToken"] = AntiforgeryToken().Match(read).Groups[1].Value;
        decisions["Comment"] = "Checked against the records.";
        var stale = await ben.Client.PostAsync(url + "?handler=Approve", new FormUrlEncodedContent(decisions));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await PageSession.TextAsync(stale);
        Assert.Matches(new Regex($"<div class=\"alert alert-error\" role=\"alert\">[\\s\\S]*<li>{blog.GetProperty("reference").GetString()}: [^<]*changed[^<]*</li>"), page);
        Assert.Contains(">Checked against the records.</textarea>", page, StringComparison.Ordinal);
        Assert.Equal(before, await app.SnapshotAsync());

        var again = await ben.SubmitAsync(url, Decisions(await ben.GetHtmlAsync(url)), action: url + "?handler=Approve");

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("You approved 3 communications for security.", WebUtility.HtmlDecode(await ben.GetHtmlAsync(url)), StringComparison.Ordinal);
        Assert.Equal(before.Approvals + 3, (await app.SnapshotAsync()).Approvals);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Who_may_not_approve_a_package_gets_no_approve_form_and_a_post_is_refused(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var ann = await app.AddUserAsync("ann@example.com", ["security"], password: PageSession.Password);
        var author = await PageSession.SignInAsync(app, "ann@example.com");
        var appsec = await PageSession.AddAndSignInAsync(app, "abe@example.com", ["appsec"]);
        var ben = await PageSession.AddAndSignInAsync(app, "ben@example.com", ["security"]);
        var release = await SubmittedPackageAsync(ann);
        var url = $"/releases/{release}/package";
        var decisions = Decisions(await ben.GetHtmlAsync(url));
        var before = await app.SnapshotAsync();

        foreach (var (person, refusal) in new[]
        {
            (author, "No one may approve a text they wrote"),
            (appsec, "Only members of the stage teams may decide"),
        })
        {
            var page = WebUtility.HtmlDecode(await person.GetHtmlAsync(url));
            Assert.Contains("Remote code execution through project imports", page, StringComparison.Ordinal);
            Assert.DoesNotContain("?handler=Approve", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Approve all", page, StringComparison.Ordinal);

            var refused = await person.SubmitAsync(url, new(decisions), action: url + "?handler=Approve");

            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(refusal, await PageSession.TextAsync(refused), StringComparison.Ordinal);
            Assert.Equal(before, await app.SnapshotAsync());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Each_part_shows_its_channels_and_where_it_stands_and_only_the_steps_the_reader_may_take(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var api = await app.AddUserAsync("api@example.com", ["security"]);
        var alice = await PageSession.AddAndSignInAsync(app, "alice@example.com", ["security"]);
        var mo = await PageSession.AddAndSignInAsync(app, "mo@example.com", ["corporate-marketing"]);
        var (release, details) = await ReleaseApi.PreparedAsync(api.Client, "critical");
        var url = $"/releases/{release}/package";

        var page = WebUtility.HtmlDecode(await alice.GetHtmlAsync(url));

        Assert.Equal(4, Regex.Count(page, "<article class=\"panel package-part\""));
        var email = details.Part("customer-email");
        Assert.Contains($"<span class=\"reference\">{email.GetProperty("reference").GetString()}</span> Customer email: {email.GetProperty("title").GetString()}</h2>",
            page, StringComparison.Ordinal);
        Assert.Contains("<p class=\"email-subject\"><span class=\"label\">Subject</span> Critical security release: upgrade Acme Platform to", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Where it stands</dt><dd>Not yet submitted for review</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Email goes to</dt><dd>No one: no audience is chosen</dd>", page, StringComparison.Ordinal);
        Assert.Matches("SC-\\d+ is a draft: submit it for review.", page);
        Assert.Contains("?handler=Safe", page, StringComparison.Ordinal);
        Assert.Contains("Submit all 4 for review", page, StringComparison.Ordinal);
        Assert.DoesNotContain("?handler=Approve", page, StringComparison.Ordinal);
        Assert.DoesNotContain("?handler=Ship", page, StringComparison.Ordinal);

        var unanswered = await alice.SubmitAsync(url, [], action: url + "?handler=Submit");

        Assert.Equal(HttpStatusCode.OK, unanswered.StatusCode);
        Assert.Equal(4, Regex.Count(await PageSession.TextAsync(unanswered), "<li>SC-\\d+: [^<]*SAFE questions[^<]*</li>"));
        Assert.Equal("draft", await WorkflowApi.StatusAsync(api.Client, email.Id()));

        var answered = await alice.SubmitAsync(url, new() { ["Safe.Sensitive"] = "false", ["Safe.Accurate"] = "true", ["Safe.Financial"] = "false", ["Safe.Effect"] = "false" },
            action: url + "?handler=Safe");
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var submitted = await alice.SubmitAsync(url, [], action: url + "?handler=Submit");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);

        var review = WebUtility.HtmlDecode(await alice.GetHtmlAsync(url));
        Assert.Contains("Submitted for review: every draft of SR-1.", review, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Count(review, "<dt>Where it stands</dt><dd>Waiting on security</dd>"));
        Assert.DoesNotContain("?handler=Safe", review, StringComparison.Ordinal);
        Assert.DoesNotContain("?handler=Submit", review, StringComparison.Ordinal);
        Assert.Equal("in-review", await WorkflowApi.StatusAsync(api.Client, email.Id()));

        var outsider = WebUtility.HtmlDecode(await mo.GetHtmlAsync(url));
        Assert.Contains("None that you may see: until SR-1 is published", outsider, StringComparison.Ordinal);
        Assert.DoesNotContain("package-part", outsider, StringComparison.Ordinal);
        Assert.DoesNotContain("Remote code execution", outsider, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_armed_communication_that_is_not_ready_is_listed_before_publishing_and_left_behind_only_when_chosen(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var (appsec, alice, sam) = await PeopleAsync(app);
        var (release, details) = await ReleaseApi.PreparedAsync(appsec.Client);
        var embargoed = details.Parts("advisory").Last();
        var reference = embargoed.GetProperty("reference").GetString()!;
        await (await DisclosureApi.LinkAsync(sam.Client, embargoed.Id(), release, embargoUntil: app.Time.GetUtcNow().AddHours(2))).JsonAsync();
        await ApprovedAsync(appsec, sam, release, details);
        await (await sam.Client.PostAsync($"/api/v1/releases/{release}/ship-with-release", null)).JsonAsync();
        var url = $"/releases/{release}";

        var page = WebUtility.HtmlDecode(await alice.GetHtmlAsync(url));

        Assert.Matches(new Regex($"{reference}</a> [^<]*<span>not ready: Gate embargo-passed"), page);
        Assert.Contains($"name=\"LeaveBehind\" value=\"{reference}\"", page, StringComparison.Ordinal);
        Assert.Contains("I understand that publishing SR-1 and 3 communications now cannot be undone", page, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Count(page, "<td>Approved; ships with SR-1</td>"));
        var before = await app.SnapshotAsync();

        var refused = await alice.SubmitAsync(url, new() { ["Confirm"] = "true" }, action: url + "?handler=Publish");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"<li>{reference}, armed to ship with the release, cannot go out: Gate embargo-passed", await PageSession.TextAsync(refused), StringComparison.Ordinal);
        Assert.Equal(before, await app.SnapshotAsync());

        var published = await alice.SubmitAsync(url, new() { ["Confirm"] = "true", ["LeaveBehind"] = reference }, action: url + "?handler=Publish");

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var done = WebUtility.HtmlDecode(await alice.GetHtmlAsync(url));
        Assert.Equal(3, Regex.Count(done, "<td>Published</td>"));
        Assert.Contains("<td>Approved; not yet armed to ship with SR-1</td>", done, StringComparison.Ordinal);
        Assert.Equal("approved", await WorkflowApi.StatusAsync(sam.Client, embargoed.Id()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_part_changed_after_approval_links_to_its_changes_and_once_published_says_when_it_went_out(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var (appsec, alice, sam) = await PeopleAsync(app);
        var (release, details) = await ReleaseApi.PreparedAsync(appsec.Client);
        await ApprovedAsync(appsec, sam, release, details);
        var advisory = details.Parts("advisory").First();
        var current = await (await appsec.Client.GetAsync($"/api/v1/communications/{advisory.Id()}")).JsonAsync();
        await (await CommunicationsApi.ReviseAsync(appsec.Client, advisory.Id(), 1,
            new { body = current.Content().GetProperty("body").GetString() + "\n\nUpgrade today." })).JsonAsync();
        var url = $"/releases/{release}/package";

        var changed = WebUtility.HtmlDecode(await alice.GetHtmlAsync(url));

        Assert.Single(Regex.Matches(changed, "Changes since approved revision 1"));
        Assert.Contains($"<a class=\"changes-link\" href=\"/communications/{advisory.Id()}/revisions/2/diff?from=1\">Changes since approved revision 1</a>",
            changed, StringComparison.Ordinal);

        await ApproveAllAsync(sam.Client, release);
        await (await sam.Client.PostAsync($"/api/v1/releases/{release}/ship-with-release", null)).JsonAsync();
        await DisclosureApi.PublishReleaseAsync(appsec.Client, release);

        var published = WebUtility.HtmlDecode(await alice.GetHtmlAsync(url));

        Assert.DoesNotContain("Not ready", published, StringComparison.Ordinal);
        Assert.DoesNotContain("nothing more can happen", published, StringComparison.Ordinal);
        var at = app.Time.GetUtcNow();
        Assert.Equal(4, Regex.Count(published, $"<dt>Published</dt><dd><time datetime=\"{Regex.Escape(PageSupport.Iso(at))}\">{PageSupport.Utc(at)}</time>, revision \\d</dd>"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Preparing_with_a_submit_but_no_safe_answers_prepares_nothing_and_says_why(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var api = await app.AddUserAsync("api@example.com", ["security"]);
        var alice = await PageSession.AddAndSignInAsync(app, "alice@example.com", ["security"]);
        var vulnerability = await ReleaseApi.FixedVulnerabilityAsync(api.Client, ReleaseApi.Rce());
        var release = await ReleaseApi.PlanAsync(api.Client, "critical");
        await (await ReleaseApi.BundleAsync(api.Client, release, vulnerability)).JsonAsync();
        var url = $"/releases/{release}";
        Assert.Contains("name=\"Safe.Sensitive\"", await alice.GetHtmlAsync(url), StringComparison.Ordinal);

        var refused = await alice.SubmitAsync(url, new() { ["SubmitAll"] = "true", ["Segment"] = "" }, action: url + "?handler=Prepare");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Matches(new Regex("<li>SC-\\d+: [^<]*SAFE questions"), await PageSession.TextAsync(refused));
        Assert.Equal("planned", (await ReleaseApi.DetailsAsync(api.Client, release)).GetProperty("release").GetProperty("status").GetString());

        var halfAnswered = await alice.SubmitAsync(url, new() { ["Safe.Sensitive"] = "false" }, action: url + "?handler=Prepare");

        Assert.Equal(HttpStatusCode.OK, halfAnswered.StatusCode);
        Assert.Matches(new Regex("data-valmsg-for=\"Safe.Accurate\"|<span class=\"field-error\">The answer to Accurate is required"), await PageSession.TextAsync(halfAnswered));
        Assert.Equal("planned", (await ReleaseApi.DetailsAsync(api.Client, release)).GetProperty("release").GetProperty("status").GetString());
    }

    /// <summary>A critical release of one vulnerability, prepared by <paramref name="author"/> with SAFE answers and submitted for review.</summary>
    private static async Task<string> SubmittedPackageAsync(TestUser author)
    {
        var vulnerability = await ReleaseApi.FixedVulnerabilityAsync(author.Client, ReleaseApi.Rce());
        var release = await ReleaseApi.PlanAsync(author.Client, "critical");
        await (await ReleaseApi.BundleAsync(author.Client, release, vulnerability)).JsonAsync();
        await (await author.Client.PostAsJsonAsync($"/api/v1/releases/{release}/prepare", new { safe = Safe, submit = true })).JsonAsync();
        return release;
    }

    private static async Task ApproveAllAsync(HttpClient approver, string release)
    {
        var package = await (await approver.GetAsync($"/api/v1/releases/{release}/package")).JsonAsync();
        var decisions = package.GetProperty("parts").EnumerateArray().Where(p => p.GetProperty("asksYou").GetBoolean())
            .Select(p => new { communicationId = p.GetProperty("communication").Id(), packageHash = p.GetProperty("communication").Hash() });
        await (await approver.PostAsJsonAsync($"/api/v1/releases/{release}/approvals", new { decisions })).JsonAsync();
    }

    /// <summary>The approve form's hidden fields as the page wrote them: each communication with the package hash shown for it.</summary>
    private static Dictionary<string, string> Decisions(string html) =>
        HiddenDecision().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => m.Groups[2].Value);

    [GeneratedRegex("<input type=\"hidden\" name=\"(Decisions\\[\\d+\\]\\.(?:CommunicationId|PackageHash))\" value=\"([^\"]+)\">")]
    private static partial Regex HiddenDecision();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>alice of appsec, who prepares the release and reads its pages, and sam of security, who approves it.</summary>
    private static async Task<(TestUser Appsec, PageSession Alice, TestUser Sam)> PeopleAsync(SecCommsApp app)
    {
        var appsec = await app.AddUserAsync("alice@example.com", ["appsec"], password: PageSession.Password);
        return (appsec, await PageSession.SignInAsync(app, "alice@example.com"), await app.AddUserAsync("sam@example.com", ["security"]));
    }

    /// <summary>The prepared release's email addressed to no one, its SAFE answers given, submitted, and every part approved by sam.</summary>
    private static async Task ApprovedAsync(TestUser appsec, TestUser sam, string release, JsonElement details)
    {
        await ReleaseApi.AddressNoOneAsync(sam.Client, details);
        await (await appsec.Client.PutAsJsonAsync($"/api/v1/releases/{release}/safe", Safe)).JsonAsync();
        await (await appsec.Client.PostAsync($"/api/v1/releases/{release}/submit", null)).JsonAsync();
        await ApproveAllAsync(sam.Client, release);
    }
}
