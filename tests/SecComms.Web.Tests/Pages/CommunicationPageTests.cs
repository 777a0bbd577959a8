using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SecComms.Core.Identity;
using SecComms.Testing;

namespace SecComms.Web.Tests.Pages;

public sealed partial class CommunicationPageTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_communication_created_from_the_form_opens_with_its_template(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        await app.AddUserAsync("bob@example.com", ["support"], password: PageSession.Password);
        var alice = await PageSession.AddAndSignInAsync(app, "alice@example.com", ["security"]);

        var response = await alice.SubmitAsync("/communications/new", new()
        {
            ["Category"] = "security-release",
            ["Title"] = "GitLab 18.4.1",
            ["Confidentiality"] = "confidential",
            ["Participants"] = "bob@example.com",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location?.OriginalString ?? "";
        Assert.Matches("^/communications/[0-9a-f-]{36}$", location);
        var page = WebUtility.HtmlDecode(await alice.GetHtmlAsync(location));
        Assert.Contains("SC-1", page, StringComparison.Ordinal);
        Assert.Contains("<h1>GitLab 18.4.1</h1>", page, StringComparison.Ordinal);
        Assert.Contains("Security release", page, StringComparison.Ordinal);
        Assert.Contains("Confidential", page, StringComparison.Ordinal);
        Assert.Contains("bob", page, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"table-of-fixes\">Table of fixes</h2>", page, StringComparison.Ordinal);
        Assert.Contains("Security release: GitLab 18.4.1", page, StringComparison.Ordinal);

        var list = WebUtility.HtmlDecode(await alice.GetHtmlAsync("/"));
        Assert.Contains(location, list, StringComparison.Ordinal);
        Assert.Contains("GitLab 18.4.1", list, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_form_shows_what_core_refuses_beside_the_field(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await PageSession.AddAndSignInAsync(app, "alice@example.com", ["security"]);

        var response = await alice.SubmitAsync("/communications/new", new()
        {
            ["Category"] = "security-release",
            ["Title"] = "Release",
            ["Participants"] = "nobody@example.com",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await PageSession.TextAsync(response);
        Assert.Contains("No active user has the email nobody@example.com.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Release\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_list_filters_and_pages_back_through_older_communications(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);
        for (var i = 1; i <= 26; i++)
        {
            var category = i == 3 ? "bug-bounty-update" : "security-release";
            (await alice.Client.PostAsJsonAsync("/api/v1/communications", new { category, title = $"Release number {i}" })).EnsureSuccessStatusCode();
        }
        var session = await PageSession.SignInAsync(app, "alice@example.com");

        var first = WebUtility.HtmlDecode(await session.GetHtmlAsync("/"));
        Assert.Contains("Release number 26", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Release number 1<", first, StringComparison.Ordinal);
        var older = OlderLink().Match(first);
        Assert.True(older.Success, "The first page links to older communications.");

        var second = WebUtility.HtmlDecode(await session.GetHtmlAsync(older.Groups[1].Value));
        Assert.Contains("Release number 1<", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Release number 26", second, StringComparison.Ordinal);

        var filtered = WebUtility.HtmlDecode(await session.GetHtmlAsync("/?category=bug-bounty-update&q=number"));
        Assert.Contains("Release number 3<", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("Release number 4<", filtered, StringComparison.Ordinal);

        var refused = WebUtility.HtmlDecode(await session.GetHtmlAsync("/?category=no-such-category"));
        Assert.Contains("Unknown category 'no-such-category'", refused, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_confidential_communication_does_not_exist_for_an_outsider(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var id = await CreateAsync(alice, "incident-response", "Database exposure");
        var outsider = await PageSession.AddAndSignInAsync(app, "mallory@example.com", ["support"]);

        foreach (var url in new[] { $"/communications/{id}", $"/communications/{id}/edit", $"/communications/{id}/revisions/1/diff" })
        {
            var html = await outsider.GetHtmlAsync(url, HttpStatusCode.NotFound);
            Assert.Contains("<h1>Not found</h1>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Database exposure", html, StringComparison.Ordinal);
        }
        var save = await outsider.SubmitAsync("/", new() { ["Revision"] = "1", ["Title"] = "Pwned", ["Body"] = "x" },
            action: $"/communications/{id}/edit?handler=Save");
        Assert.Equal(HttpStatusCode.NotFound, save.StatusCode);
        Assert.DoesNotContain("Database exposure", await outsider.GetHtmlAsync("/"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Saving_an_edit_adds_a_revision_and_a_stale_edit_is_refused_with_the_text_kept(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);
        var id = await CreateAsync(alice, "security-release", "GitLab 18.4.1");
        var session = await PageSession.SignInAsync(app, "alice@example.com");
        var edit = $"/communications/{id}/edit";
        Assert.Contains("name=\"Revision\" value=\"1\"", await session.GetHtmlAsync(edit), StringComparison.Ordinal);

        var saved = await session.SubmitAsync(edit, Content(1, "# GitLab 18.4.1\n\nUpgrade now.", "Wrote the intro"), action: edit + "?handler=Save");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/communications/{id}", saved.Headers.Location?.OriginalString);
        var view = WebUtility.HtmlDecode(await session.GetHtmlAsync($"/communications/{id}"));
        Assert.Contains("Saved revision 2.", view, StringComparison.Ordinal);
        Assert.Contains("<p>Upgrade now.</p>", view, StringComparison.Ordinal);
        Assert.Contains("Wrote the intro", view, StringComparison.Ordinal);
        Assert.Contains($"/communications/{id}/revisions/2/diff", view, StringComparison.Ordinal);

        var stale = await session.SubmitAsync(edit, Content(1, "# GitLab 18.4.1\n\nMy competing text.", null), action: edit + "?handler=Save");

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var html = await PageSession.TextAsync(stale);
        Assert.Contains("Someone else saved a new revision while you were editing, so yours was not saved.", html, StringComparison.Ordinal);
        Assert.Contains("is now at revision 2", html, StringComparison.Ordinal);
        Assert.Contains("My competing text.", html, StringComparison.Ordinal);
        var revisions = await (await alice.Client.GetAsync($"/api/v1/communications/{id}/revisions")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, revisions.GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Preview_renders_the_submitted_markdown_and_saves_nothing(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);
        var id = await CreateAsync(alice, "security-release", "GitLab 18.4.1");
        var session = await PageSession.SignInAsync(app, "alice@example.com");
        var edit = $"/communications/{id}/edit";

        var preview = await session.SubmitAsync(edit, Content(1, "## Fixed\n\n- **CVE-2026-0001**", null), action: edit + "?handler=Preview");

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = await PageSession.TextAsync(preview);
        Assert.Contains("Preview (not saved)", html, StringComparison.Ordinal);
        Assert.Contains("<li><strong>CVE-2026-0001</strong></li>", html, StringComparison.Ordinal);
        var current = await alice.Client.GetFromJsonAsync<JsonElement>($"/api/v1/communications/{id}");
        Assert.Equal(1, current.GetProperty("revision").GetProperty("number").GetInt32());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_hostile_body_is_shown_without_its_script_or_javascript_link(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);
        var id = await CreateAsync(alice, "security-release", "GitLab 18.4.1");
        var session = await PageSession.SignInAsync(app, "alice@example.com");
        var edit = $"/communications/{id}/edit";
        const string hostile = "<script>alert('x')</script>\n\n[Click me](javascript:alert(1))\n\n<img src=x onerror=alert(2)>";

        var preview = await (await session.SubmitAsync(edit, Content(1, hostile, null), action: edit + "?handler=Preview")).Content.ReadAsStringAsync();
        await session.SubmitAsync(edit, Content(1, hostile, null), action: edit + "?handler=Save");
        var view = await session.GetHtmlAsync($"/communications/{id}");

        var previewStart = preview.IndexOf("id=\"preview-heading\"", StringComparison.Ordinal);
        var previewSection = preview[previewStart..preview.IndexOf("</section>", previewStart, StringComparison.Ordinal)];
        foreach (var html in new[] { view, previewSection })
        {
            // The page's own scripts come from /js/; no other script element is ever written.
            Assert.DoesNotMatch("(?i)<script(?![^>]*\\bsrc=\"/js/[a-z-]+\\.js)", html);
            Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(">Click me</a>", html, StringComparison.Ordinal);
        }
        Assert.Contains("&lt;script&gt;", view, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_diff_marks_added_and_removed_lines_with_signs_as_well_as_colour(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);
        var id = await CreateAsync(alice, "customer-response", "Your report");
        var session = await PageSession.SignInAsync(app, "alice@example.com");
        var edit = $"/communications/{id}/edit";
        await session.SubmitAsync(edit, Content(1, "# Your report\n\nThank you.", null), action: edit + "?handler=Save");

        var html = WebUtility.HtmlDecode(await session.GetHtmlAsync($"/communications/{id}/revisions/2/diff"));

        Assert.Contains("Changes from revision 1 to 2", html, StringComparison.Ordinal);
        Assert.Contains("<li class=\"diff-line diff-same\"><span class=\"diff-marker\" aria-hidden=\"true\"> </span><span># Your report</span></li>", html, StringComparison.Ordinal);
        Assert.Contains("<li class=\"diff-line diff-added\"><span class=\"diff-marker\" aria-hidden=\"true\">+</span><span class=\"visually-hidden\">Added: </span><ins>Thank you.</ins></li>", html, StringComparison.Ordinal);
        Assert.Matches("id=\"variant-shortText\">Short text</h2>\\s*<p class=\"muted\">Unchanged.</p>", html);

        var first = WebUtility.HtmlDecode(await session.GetHtmlAsync($"/communications/{id}/revisions/1/diff"));
        Assert.Contains("Revision 1: the first text", first, StringComparison.Ordinal);
        await session.GetHtmlAsync($"/communications/{id}/revisions/9/diff", HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_viewer_reads_a_communication_but_is_refused_the_edit_and_new_forms(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var id = await CreateAsync(alice, "security-release", "GitLab 18.4.1");
        await app.AddUserAsync("vera@example.com", ["security"], UserRole.Viewer, PageSession.Password);
        var vera = await PageSession.SignInAsync(app, "vera@example.com");
        var edit = $"/communications/{id}/edit";

        var details = await vera.GetHtmlAsync($"/communications/{id}");
        var list = await vera.GetHtmlAsync("/");

        Assert.Contains("<h1>GitLab 18.4.1</h1>", details, StringComparison.Ordinal);
        Assert.DoesNotContain(edit, details, StringComparison.Ordinal);
        Assert.DoesNotContain(">Edit</a>", details, StringComparison.Ordinal);
        Assert.DoesNotContain("/communications/new", list, StringComparison.Ordinal);
        Assert.DoesNotContain("/communications/new", details, StringComparison.Ordinal);
        foreach (var url in new[] { edit, "/communications/new" })
        {
            var html = WebUtility.HtmlDecode(await vera.GetHtmlAsync(url, HttpStatusCode.Forbidden));
            Assert.Contains("Viewers can read communications but not change them.", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<form method=\"post\" class=\"form", html, StringComparison.Ordinal);
        }
        var save = await vera.SubmitAsync("/tokens", Content(1, "# Defaced", null), action: edit + "?handler=Save");
        var create = await vera.SubmitAsync("/tokens", new() { ["Category"] = "security-release", ["Title"] = "Fake" }, action: "/communications/new");
        Assert.Equal(HttpStatusCode.Forbidden, save.StatusCode);
        Assert.Contains("Viewers can read communications but not change them.", await PageSession.TextAsync(save), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        var current = await alice.Client.GetFromJsonAsync<JsonElement>($"/api/v1/communications/{id}");
        Assert.Equal(1, current.GetProperty("revision").GetProperty("number").GetInt32());
        var all = await alice.Client.GetFromJsonAsync<JsonElement>("/api/v1/communications");
        Assert.Equal(1, all.GetProperty("items").GetArrayLength());
    }

    internal static Dictionary<string, string> Content(int revision, string body, string? note) => new()
    {
        ["Revision"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Title"] = "GitLab 18.4.1",
        ["Body"] = body,
        ["EmailSubject"] = "Security release",
        ["EmailBody"] = "Upgrade now.",
        ["ShortText"] = "",
        ["Note"] = note ?? "",
    };

    internal static async Task<Guid> CreateAsync(TestUser user, string category, string title)
    {
        var response = await user.Client.PostAsJsonAsync("/api/v1/communications", new { category, title });
        var body = await response.JsonAsync(HttpStatusCode.Created);
        return body.GetProperty("id").GetGuid();
    }

    [GeneratedRegex("rel=\"next\" href=\"(/\\?cursor=[^\"]+)\"")]
    private static partial Regex OlderLink();
}
