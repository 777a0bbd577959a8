using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Advisories;
using SecComms.Core.Errors;
using SecComms.Testing;
using static SecComms.Web.Tests.Advisories.PublicSiteWorld;

namespace SecComms.Web.Tests.Advisories;

/// <summary>Searching and filtering the public list: the right entries, in pages, and never one that is not public.</summary>
public sealed class PublicSiteFilterTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Search_and_filters_find_the_entries_they_describe_and_nothing_that_is_not_public(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        await BuildAsync(app);
        var anyone = app.CreateClient();

        foreach (var (query, expected) in new (string, string[])[]
        {
            ("", Everything),
            ("?severity=critical", [Rce, PlatformPost]),
            ("?severity=high", [RunnerLeak, RunnerPost]),
            ("?severity=medium", [Xss]),
            ("?severity=low", []),
            ("?product=Acme%20Platform", [Xss, Rce, PlatformPost]),
            ("?product=Acme+Runner", [RunnerLeak, RunnerPost]),
            ("?year=2026", [Xss, Rce, PlatformPost]),
            ("?year=2027", [BountyTitle, RunnerLeak, RunnerPost]),
            ("?year=2025", []),
            ("?q=zebra", [BountyTitle]),
            ("?q=%20ZEBRA%20", [BountyTitle]),
            ("?q=remote+CODE", [Rce]),
            ("?q=runner", [RunnerLeak, RunnerPost]),
            ("?q=fix+security+issues", [RunnerPost, PlatformPost]),
            ("?q=customer", []),
            ("?q=canary", []),
            ("?q=100%25", []),
            ("?q=security+release&severity=critical&product=Acme+Platform&year=2026", [PlatformPost]),
            ("?q=security+release&severity=critical&product=Acme+Platform&year=2027", []),
            ("?q=&severity=&product=&year=", Everything),
        })
        {
            var html = await PublicSiteApi.TextAsync(anyone, "/advisories" + query);
            Assert.True(expected.SequenceEqual(Titles(html)), $"{query}: {string.Join(" | ", Titles(html))}");
            Assert.DoesNotContain(Canary, html, StringComparison.Ordinal);
            Assert.DoesNotContain(HeldProduct, html, StringComparison.Ordinal);
            Assert.DoesNotContain("customer notice", html, StringComparison.Ordinal);
            if (expected.Length == 0)
            {
                Assert.Contains("No advisory matches these filters.", html, StringComparison.Ordinal);
            }
        }

        var form = await PublicSiteApi.TextAsync(anyone, "/advisories?severity=high&product=Acme+Runner&year=2027&q=runner");
        Assert.Contains("<option value=\"high\" selected=\"selected\">High</option>", form, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Acme Runner\" selected=\"selected\">Acme Runner</option>", form, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Acme Platform\">Acme Platform</option>", form, StringComparison.Ordinal);
        Assert.Contains("<option value=\"2027\" selected=\"selected\">2027</option>", form, StringComparison.Ordinal);
        Assert.Contains("<option value=\"2026\">2026</option>", form, StringComparison.Ordinal);
        Assert.Contains("<input id=\"filter-q\" type=\"search\" name=\"q\" value=\"runner\"", form, StringComparison.Ordinal);
        foreach (var product in new[] { HeldProduct, "Acme Nothing" })
        {
            var refused = await PublicSiteApi.TextAsync(anyone, $"/advisories?product={Uri.EscapeDataString(product)}", HttpStatusCode.BadRequest);
            Assert.Contains("product is not one this site lists.", refused, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Each_entry_shows_its_severity_and_cvss_score_as_words_on_the_list_and_its_page(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var world = await BuildAsync(app);
        var anyone = app.CreateClient();

        var list = await PublicSiteApi.TextAsync(anyone, "/advisories");

        Assert.Contains(Badge("critical", "Critical") + Score("4.0", "9.3"), Item(list, Rce), StringComparison.Ordinal);
        Assert.Contains("<span class=\"public-cve\">CVE-2026-10001</span>", Item(list, Rce), StringComparison.Ordinal);
        Assert.Contains(Badge("medium", "Medium") + Score("3.1", "5.4"), Item(list, Xss), StringComparison.Ordinal);
        Assert.Contains(Badge("high", "High") + Score("3.1", "7.5"), Item(list, RunnerLeak), StringComparison.Ordinal);
        Assert.Contains(Badge("critical", "Critical") + Score("4.0", "9.3"), Item(list, PlatformPost), StringComparison.Ordinal);
        Assert.Contains("the most severe of 2 advisories", Item(list, PlatformPost), StringComparison.Ordinal);
        Assert.Contains(Badge("high", "High"), Item(list, RunnerPost), StringComparison.Ordinal);
        Assert.DoesNotContain("public-severity", Item(list, BountyTitle), StringComparison.Ordinal);

        var post = await PublicSiteApi.TextAsync(anyone, $"/advisories/{world.Reference(PlatformPost)}");
        Assert.Contains("<dt>Most severe</dt>", post, StringComparison.Ordinal);
        Assert.Contains(Badge("critical", "Critical") + Score("4.0", "9.3"), post, StringComparison.Ordinal);
        Assert.Contains(Badge("medium", "Medium") + Score("3.1", "5.4"), post, StringComparison.Ordinal);
        var advisory = await PublicSiteApi.TextAsync(anyone, $"/advisories/{world.Reference(Xss)}");
        Assert.Contains("<dt>Severity</dt>", advisory, StringComparison.Ordinal);
        Assert.Contains(Badge("medium", "Medium") + Score("3.1", "5.4"), advisory, StringComparison.Ordinal);
        Assert.Contains("<dd>Acme Platform</dd>", advisory, StringComparison.Ordinal);
        Assert.Contains("<dd>CVE-2026-10002</dd>", advisory, StringComparison.Ordinal);
        Assert.DoesNotContain(Badge("critical", "Critical"), advisory, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_filtered_list_pages_within_its_filter_and_refuses_a_cursor_it_did_not_give(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var anyone = app.CreateClient();
        for (var i = 1; i <= 26; i++)
        {
            await PublicSiteApi.PublishedAsync(alice, sam, $"Bounty update {i}", "bug-bounty-update");
            app.Time.Advance(TimeSpan.FromMinutes(1));
        }
        app.Time.Advance(TimeSpan.FromDays(70));
        var later = await PublicSiteApi.PublishedAsync(alice, sam, "Bounty update in 2027", "bug-bounty-update");

        var first = await PublicSiteApi.TextAsync(anyone, "/advisories?year=2026");
        Assert.Equal(Enumerable.Range(2, 25).Reverse().Select(i => $"Bounty update {i}"), Titles(first));
        Assert.Contains("<a href=\"http://localhost/advisories?year=2026&cursor=2\" rel=\"next\">Older</a>", first, StringComparison.Ordinal);
        var second = await PublicSiteApi.TextAsync(anyone, "/advisories?year=2026&cursor=2");
        Assert.Equal(["Bounty update 1"], Titles(second));
        Assert.Contains("<a href=\"http://localhost/advisories?year=2026\">Newest</a>", second, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second, StringComparison.Ordinal);
        var refused = await PublicSiteApi.TextAsync(anyone, $"/advisories?year=2026&cursor={later[3..]}", HttpStatusCode.BadRequest);
        Assert.Contains("cursor is not one this site returned.", refused, StringComparison.Ordinal);
        Assert.Equal(["Bounty update 26"], Titles(await PublicSiteApi.TextAsync(anyone, $"/advisories?cursor={later[3..]}")).Take(1));

        await using var scope = app.Services.CreateAsyncScope();
        var entries = scope.ServiceProvider.GetRequiredService<PublicEntries>();
        var filter = PublicEntryFilter.Parse("bounty update 1", null, null, "2026");
        var page = await entries.ListAsync(filter, null, 2, CancellationToken.None);
        var next = await entries.ListAsync(filter, page.NextCursor, 2, CancellationToken.None);
        Assert.Equal(["Bounty update 19", "Bounty update 18"], page.Items.Select(i => i.Title));
        Assert.Equal(["Bounty update 17", "Bounty update 16"], next.Items.Select(i => i.Title));
        var outside = await Assert.ThrowsAsync<ValidationException>(() => entries.ListAsync(filter, "2", 2, CancellationToken.None));
        Assert.Equal("cursor is not one this site returned.", outside.Message);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Bad_filter_values_answer_the_400_page_every_time_and_never_an_error(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        await BuildAsync(app);
        var anyone = app.CreateClient();

        foreach (var (query, message) in new[]
        {
            ("?severity=urgent", "severity must be one of critical, high, medium, low, none."),
            ("?severity=Critical", "severity must be one of critical, high, medium, low, none."),
            ("?year=26", "year must be a year of four digits, such as 2026."),
            ("?year=02026", "year must be a year of four digits, such as 2026."),
            ("?year=2026.0", "year must be a year of four digits, such as 2026."),
            ("?year=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%96", "year must be a year of four digits, such as 2026."),
            ("?year=99999999999999999999", "year must be a year of four digits, such as 2026."),
            ("?product=acme+platform", "product is not one this site lists."),
            ("?product=Acme+Platform%01", "product must not contain control characters."),
            ($"?q={new string('a', 201)}", "q must be at most 200 characters."),
            ("?q=a%07b", "q must not contain control characters."),
            ("?severity=high&cursor=abc", "cursor is not one this site returned."),
        })
        {
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var response = await anyone.GetAsync("/advisories" + query);
                var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)response.StatusCode}");
                Assert.Contains(message, html, StringComparison.Ordinal);
                Assert.Contains("Please correct the following", html, StringComparison.Ordinal);
                Assert.Contains("<form class=\"public-filters\"", html, StringComparison.Ordinal);
                Assert.Empty(Titles(html));
                Assert.Null(response.Headers.CacheControl?.Public);
                Assert.Null(response.Headers.Age);
            }
        }

        foreach (var query in new[] { "?product=acme+platform", $"?product={Uri.EscapeDataString(HeldProduct)}" })
        {
            var feed = await anyone.GetAsync("/advisories/feed.atom" + query);
            var problem = await feed.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("product is not one this site lists.", problem.ToString(), StringComparison.Ordinal);
        }
    }

    private static string Badge(string key, string level) =>
        $"<span class=\"public-severity public-severity-{key}\"><span class=\"visually-hidden\">Severity: </span>{level}</span>";

    private static string Score(string version, string score) =>
        $" <span class=\"public-cvss\">CVSS {version} score <strong>{score}</strong></span>";
}
