using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Advisories;
using SecComms.Core.Errors;
using SecComms.Testing;
using SecComms.Web.Hosting;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Pages;

namespace SecComms.Web.Tests.Advisories;

/// <summary>The public site: what a published communication looks like to anyone, and that nothing else is there.</summary>
public sealed class PublicSiteTests
{
    /// <summary>The only scripts a public page loads: the site's own, which read its times in the reader's zone and let a keyboard scroll wide tables.</summary>
    private static readonly Regex OwnScript = new("^<script src=\"/js/(local-times|scroll-regions)\\.js\\?v=[^\"]+\"></script>$");

    private const string FirstBody = "# GitLab 18.4.1\n\nDraft wording that was never approved.";
    private const string PublishedBody = "# GitLab 18.4.1\n\nWe fixed **three** vulnerabilities. Upgrade to 18.4.1.";

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_communication_published_through_the_workflow_is_on_the_list_its_page_and_the_feed(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var anyone = app.CreateClient();
        Assert.Contains("Nothing has been published yet.", await PublicSiteApi.TextAsync(anyone, "/advisories"), StringComparison.Ordinal);
        Assert.Empty((await PublicSiteApi.FeedAsync(anyone)).Entries());

        app.Time.Advance(TimeSpan.FromMinutes(30));
        var reference = await PublicSiteApi.PublishedAsync(alice, sam, "GitLab 18.4.1", bodies: [FirstBody, PublishedBody]);

        Assert.Equal("SC-1", reference);
        var list = await PublicSiteApi.TextAsync(anyone, "/advisories");
        Assert.Contains("<a href=\"http://localhost/advisories/SC-1\">GitLab 18.4.1</a>", list, StringComparison.Ordinal);
        Assert.Contains("Security release", list, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-11-02T09:30:00Z\">2026-11-02 09:30 UTC</time>", list, StringComparison.Ordinal);
        Assert.Contains("GitLab 18.4.1: upgrade now.", list, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Security advisories\" href=\"http://localhost/advisories/feed.atom\">",
            list, StringComparison.Ordinal);

        var page = await PublicSiteApi.TextAsync(anyone, "/advisories/SC-1");
        Assert.Contains("<h1 id=\"advisory-title\">GitLab 18.4.1</h1>", page, StringComparison.Ordinal);
        Assert.Contains("We fixed <strong>three</strong> vulnerabilities.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<h1>GitLab 18.4.1</h1>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("never approved", page, StringComparison.Ordinal);
        Assert.Contains("Published <time datetime=\"2026-11-02T09:30:00Z\">2026-11-02 09:30 UTC</time>", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"reference\">SC-1</span> · Security release", page, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/advisories/SC-1\">", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign out", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Tokens", page, StringComparison.Ordinal);

        var feed = await PublicSiteApi.FeedAsync(anyone);
        var entry = Assert.Single(feed.Entries());
        Assert.Equal("http://localhost/advisories/SC-1", entry.Child("id"));
        Assert.Equal("GitLab 18.4.1", entry.Child("title"));
        Assert.Equal("2026-11-02T09:30:00Z", entry.Child("published"));
        Assert.Equal("2026-11-02T09:30:00Z", entry.Child("updated"));
        Assert.Equal("GitLab 18.4.1: upgrade now.", entry.Child("summary"));
        Assert.Contains("We fixed <strong>three</strong> vulnerabilities.", entry.Child("content"), StringComparison.Ordinal);
        Assert.DoesNotContain("never approved", entry.Child("content"), StringComparison.Ordinal);
        Assert.StartsWith("<p>We fixed", entry.Child("content"), StringComparison.Ordinal);
        Assert.Equal("2026-11-02T09:30:00Z", feed.Root?.Child("updated"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task What_is_not_published_to_the_web_answers_404_and_is_in_no_list_or_feed(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var anyone = app.CreateClient();
        await PublicSiteApi.PublishedAsync(alice, sam, "Public release");
        await CommunicationsApi.CreateAsync(alice.Client, "Draft release");
        await PublicSiteApi.ApprovedAsync(alice, sam, "Approved release");
        var scheduled = await PublicSiteApi.ApprovedAsync(alice, sam, "Scheduled release");
        await (await alice.Client.PostJsonAsync($"/api/v1/communications/{scheduled}/schedule", new { at = app.Time.GetUtcNow().AddDays(1) })).JsonAsync();
        var withdrawn = await PublicSiteApi.ApprovedAsync(alice, sam, "Withdrawn release");
        await (await alice.Client.PostJsonAsync($"/api/v1/communications/{withdrawn}/withdraw", new { reason = "Superseded." })).JsonAsync();
        await PublicSiteApi.PublishedAsync(alice, sam, "Confidential release", confidential: true);
        await PublicSiteApi.PublishedAsync(alice, sam, "Email-only response", category: "customer-response");
        app.Time.Advance(TimeSpan.FromHours(2));

        var list = await PublicSiteApi.TextAsync(anyone, "/advisories");
        var feed = (await PublicSiteApi.FeedAsync(anyone)).ToString();

        Assert.Contains("Public release", list, StringComparison.Ordinal);
        Assert.Equal(["Public release"], (await PublicSiteApi.FeedAsync(anyone)).Entries().Select(e => e.Child("title")));
        foreach (var (reference, title) in new[]
        {
            ("SC-2", "Draft release"), ("SC-3", "Approved release"), ("SC-4", "Scheduled release"), ("SC-5", "Withdrawn release"),
            ("SC-6", "Confidential release"), ("SC-7", "Email-only response"),
        })
        {
            var page = await PublicSiteApi.TextAsync(anyone, $"/advisories/{reference}", HttpStatusCode.NotFound);
            Assert.Contains("No advisory has been published at this address.", page, StringComparison.Ordinal);
            Assert.DoesNotContain(title, page, StringComparison.Ordinal);
            Assert.DoesNotContain(title, list, StringComparison.Ordinal);
            Assert.DoesNotContain(title, feed, StringComparison.Ordinal);
        }
        foreach (var address in new[] { "/advisories/SC-99", "/advisories/sc-1", "/advisories/SC-01", "/advisories/SC-", "/advisories/1", "/advisories/SC-1x" })
        {
            await PublicSiteApi.TextAsync(anyone, address, HttpStatusCode.NotFound);
        }
        await PublicSiteApi.TextAsync(anyone, "/advisories/SC-1");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Public_pages_may_be_cached_and_revalidate_to_304_until_something_is_published(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var anyone = app.CreateClient();
        await PublicSiteApi.PublishedAsync(alice, sam, "First release");
        app.Time.Advance(TimeSpan.FromDays(1));

        foreach (var address in new[] { "/advisories", "/advisories/SC-1", "/advisories/feed.atom" })
        {
            var first = await anyone.GetAsync(address);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal("public, max-age=300", first.Headers.CacheControl?.ToString());
            var etag = first.Headers.ETag ?? throw new InvalidOperationException($"{address} has no ETag");
            Assert.False(etag.IsWeak);
            var lastModified = first.Content.Headers.LastModified ?? throw new InvalidOperationException($"{address} has no Last-Modified");
            Assert.Equal(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), lastModified);
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Assert.Single(first.Headers.GetValues("Content-Security-Policy")));
            Assert.False(first.Headers.Contains("Set-Cookie"), $"{address} sets a cookie");

            var byTag = await SendAsync(anyone, address, r => r.Headers.IfNoneMatch.Add(etag));
            var byTagAmong = await SendAsync(anyone, address, r => r.Headers.TryAddWithoutValidation("If-None-Match", $"\"other\", W/{etag.Tag}"));
            var byDate = await SendAsync(anyone, address, r => r.Headers.IfModifiedSince = lastModified);
            var otherTag = await SendAsync(anyone, address, r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\"")));
            var olderDate = await SendAsync(anyone, address, r => r.Headers.IfModifiedSince = lastModified.AddSeconds(-1));

            foreach (var notModified in new[] { byTag, byTagAmong, byDate })
            {
                Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
                Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
                Assert.Equal(etag, notModified.Headers.ETag);
                Assert.Equal("public, max-age=300", notModified.Headers.CacheControl?.ToString());
            }
            Assert.Equal(HttpStatusCode.OK, otherTag.StatusCode);
            Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await otherTag.Content.ReadAsByteArrayAsync());
            Assert.Equal(HttpStatusCode.OK, olderDate.StatusCode);

            var head = await anyone.SendAsync(new HttpRequestMessage(HttpMethod.Head, address));
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(etag, head.Headers.ETag);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }

        var listTag = (await anyone.GetAsync("/advisories")).Headers.ETag ?? throw new InvalidOperationException("No ETag");
        var feedTag = (await anyone.GetAsync("/advisories/feed.atom")).Headers.ETag ?? throw new InvalidOperationException("No ETag");
        await PublicSiteApi.PublishedAsync(alice, sam, "Second release");

        var list = await SendAsync(anyone, "/advisories", r => r.Headers.IfNoneMatch.Add(listTag));
        var feed = await SendAsync(anyone, "/advisories/feed.atom", r => r.Headers.IfNoneMatch.Add(feedTag));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.NotEqual(listTag, list.Headers.ETag);
        Assert.Contains("Second release", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero), list.Content.Headers.LastModified);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.NotEqual(feedTag, feed.Headers.ETag);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Markup_in_a_body_is_sanitised_on_the_page_and_in_the_feed(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        const string hostile = "# Notice\n\n<script>alert('page')</script>\n\n<img src=x onerror=alert(1)>\n\n[Details](javascript:alert(1)) and [the fix](https://example.com/fix).";
        await PublicSiteApi.PublishedAsync(alice, sam, "Hostile <b>title</b>", bodies: [hostile]);
        var anyone = app.CreateClient();

        var raw = await (await anyone.GetAsync("/advisories/SC-1")).Content.ReadAsStringAsync();
        var content = (await PublicSiteApi.FeedAsync(anyone)).Entries().Single().Child("content");

        foreach (var html in new[] { raw, content })
        {
            Assert.All(Regex.Matches(html, "<script[^>]*></script>", RegexOptions.IgnoreCase), script => Assert.Matches(OwnScript, script.Value));
            Assert.Equal(Regex.Count(html, "<script", RegexOptions.IgnoreCase), Regex.Count(html, "<script[^>]*></script>", RegexOptions.IgnoreCase));
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>title</b>", html, StringComparison.Ordinal);
            Assert.Contains("<a href=\"https://example.com/fix\">the fix</a>", html, StringComparison.Ordinal);
        }
        Assert.Contains("&lt;script&gt;alert('page')&lt;/script&gt;", content, StringComparison.Ordinal);
        Assert.Contains("Hostile &lt;b&gt;title&lt;/b&gt;", raw, StringComparison.Ordinal);
        Assert.Contains("<h1 id=\"notice\">Notice</h1>", content, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_feed_is_atom_with_every_required_element_and_absolute_links_from_the_configured_address(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["SecComms:BaseUrl"] = "https://security.example.com/notices",
            ["PublicSite:Title"] = "Example Corp security",
        });
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        await PublicSiteApi.PublishedAsync(alice, sam, "First release");
        app.Time.Advance(TimeSpan.FromHours(1));
        await PublicSiteApi.PublishedAsync(alice, sam, "Bounty update", category: "bug-bounty-update");

        var feed = await PublicSiteApi.FeedAsync(app.CreateClient());

        var root = feed.Root ?? throw new InvalidOperationException("The feed is empty.");
        Assert.Equal(PublicSiteApi.Atom + "feed", root.Name);
        Assert.Equal("https://security.example.com/notices/advisories/feed.atom", root.Child("id"));
        Assert.Equal("Example Corp security", root.Child("title"));
        Assert.Equal("2026-11-02T10:00:00Z", root.Child("updated"));
        Assert.Equal("Security team", root.Element(PublicSiteApi.Atom + "author")?.Child("name"));
        var links = root.Elements(PublicSiteApi.Atom + "link").ToDictionary(l => (string?)l.Attribute("rel") ?? "", l => (string?)l.Attribute("href"));
        Assert.Equal("https://security.example.com/notices/advisories/feed.atom", links["self"]);
        Assert.Equal("https://security.example.com/notices/advisories", links["alternate"]);

        Assert.Equal(["Bounty update", "First release"], feed.Entries().Select(e => e.Child("title")));
        foreach (var entry in feed.Entries())
        {
            foreach (var required in new[] { "id", "title", "updated", "published", "summary", "content" })
            {
                Assert.NotEmpty(entry.Child(required));
            }
            Assert.StartsWith("https://security.example.com/notices/advisories/SC-", entry.Child("id"), StringComparison.Ordinal);
            Assert.Equal(entry.Child("id"), (string?)entry.Element(PublicSiteApi.Atom + "link")?.Attribute("href"));
            Assert.Equal("html", (string?)entry.Element(PublicSiteApi.Atom + "content")?.Attribute("type"));
        }
        Assert.Equal("Bug bounty program update", (string?)feed.Entries().First().Element(PublicSiteApi.Atom + "category")?.Attribute("label"));
        var page = await PublicSiteApi.TextAsync(app.CreateClient(), "/advisories");
        Assert.Contains("<a href=\"https://security.example.com/notices/advisories/SC-2\">Bounty update</a>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_base_address_that_is_not_an_absolute_web_address_stops_the_host_at_start()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => SecCommsApp.StartAsync("sqlite",
            new Dictionary<string, string?> { ["SecComms:BaseUrl"] = "security.example.com" }));

        Assert.Contains("SecComms:BaseUrl must be an absolute http or https address", failure.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pages_go_from_newest_to_oldest_and_a_cursor_the_site_never_gave_is_refused(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        await PublicSiteApi.PublishedAsync(alice, sam, "Oldest");
        app.Time.Advance(TimeSpan.FromHours(1));
        await PublicSiteApi.PublishedAsync(alice, sam, "Same time, first");
        await PublicSiteApi.PublishedAsync(alice, sam, "Same time, second");
        await using var scope = app.Services.CreateAsyncScope();
        var entries = scope.ServiceProvider.GetRequiredService<PublicEntries>();

        var first = await entries.ListAsync(null, 2, CancellationToken.None);
        var second = await entries.ListAsync(first.NextCursor, 2, CancellationToken.None);

        Assert.Equal(["Same time, second", "Same time, first"], first.Items.Select(i => i.Title));
        Assert.Equal(["Oldest"], second.Items.Select(i => i.Title));
        Assert.Null(second.NextCursor);
        foreach (var bad in new[] { "abc", "0", "-1", "99", "2x" })
        {
            var refused = await Assert.ThrowsAsync<ValidationException>(() => entries.ListAsync(bad, 2, CancellationToken.None));
            Assert.Equal("cursor is not one this site returned.", refused.Message);
        }
        await Assert.ThrowsAsync<ValidationException>(() => entries.ListAsync(null, 101, CancellationToken.None));

        var page = await app.CreateClient().GetAsync("/advisories?cursor=abc");
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("cursor is not one this site returned.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(page.Headers.CacheControl?.Public);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_signed_in_visitor_gets_the_same_public_page_and_no_session_cookie_with_it(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        await PublicSiteApi.PublishedAsync(alice, sam, "First release");
        var session = await PageSession.SignInAsync(app, "alice@example.com");
        var anonymous = await (await app.CreateClient().GetAsync("/advisories/SC-1")).Content.ReadAsStringAsync();
        app.Time.Advance(TimeSpan.FromHours(5));

        var signedIn = await session.Client.GetAsync("/advisories/SC-1");
        var internalPage = await session.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.False(signedIn.Headers.Contains("Set-Cookie"), "The session was renewed on a cacheable public page.");
        Assert.Equal(anonymous, await signedIn.Content.ReadAsStringAsync());
        Assert.True(internalPage.Headers.Contains("Set-Cookie"), "The session is renewed on the signed-in pages, so the public page did take it off.");
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string address, Action<HttpRequestMessage> conditions)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, address);
        conditions(request);
        return client.SendAsync(request);
    }
}
