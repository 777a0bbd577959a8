using System.Net;
using System.Text.RegularExpressions;
using SecComms.Testing;
using SecComms.Web.Tests.Communications;
using SecComms.Web.Tests.Disclosure;
using SecComms.Web.Tests.Releases;
using SecComms.Web.Tests.Workflow;
using static SecComms.Web.Tests.Advisories.PublicSiteWorld;

namespace SecComms.Web.Tests.Advisories;

/// <summary>What the public pages link to: per-product feeds, an advisory's exports and release post, a post's advisories.</summary>
public sealed partial class PublicSiteLinkTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Advisories:Publisher:CveOrgId"] = "b3476cb9-2e3d-41a6-98d0-0f47421a65b6",
        ["PublicSite:SecurityTxt:Contact:0"] = "mailto:security@example.com",
    };

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Each_product_has_a_feed_of_its_own_entries_linked_from_the_list(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        await BuildAsync(app);
        var anyone = app.CreateClient();

        var platform = await FeedAsync(anyone, "/advisories/feed.atom?product=Acme%20Platform");
        var runner = await FeedAsync(anyone, "/advisories/feed.atom?product=Acme+Runner");
        var everything = await FeedAsync(anyone, "/advisories/feed.atom");

        Assert.Equal([Xss, Rce, PlatformPost], platform.Entries().Select(e => e.Child("title")));
        Assert.Equal([RunnerLeak, RunnerPost], runner.Entries().Select(e => e.Child("title")));
        Assert.Equal(Everything, everything.Entries().Select(e => e.Child("title")));
        var root = platform.Root ?? throw new InvalidOperationException("The feed is empty.");
        Assert.Equal("http://localhost/advisories/feed.atom?product=Acme%20Platform", root.Child("id"));
        Assert.Equal("Security advisories: Acme Platform", root.Child("title"));
        var links = root.Elements(PublicSiteApi.Atom + "link").ToDictionary(l => (string?)l.Attribute("rel") ?? "", l => (string?)l.Attribute("href"));
        Assert.Equal("http://localhost/advisories/feed.atom?product=Acme%20Platform", links["self"]);
        Assert.Equal("http://localhost/advisories?product=Acme%20Platform", links["alternate"]);
        Assert.Equal("2026-11-02T09:00:00Z", root.Child("updated"));
        foreach (var feed in new[] { platform, runner, everything })
        {
            Assert.DoesNotContain(Canary, feed.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("customer notice", feed.ToString(), StringComparison.Ordinal);
        }

        var list = await PublicSiteApi.TextAsync(anyone, "/advisories");
        Assert.Contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Security advisories\" href=\"http://localhost/advisories/feed.atom\">", list, StringComparison.Ordinal);
        foreach (var (product, address) in new[] { ("Acme Platform", "Acme%20Platform"), ("Acme Runner", "Acme%20Runner") })
        {
            Assert.Contains($"<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Security advisories: {product}\" href=\"http://localhost/advisories/feed.atom?product={address}\">",
                list, StringComparison.Ordinal);
            Assert.Contains($"<li><a href=\"http://localhost/advisories/feed.atom?product={address}\">{product}</a></li>", list, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(HeldProduct, list, StringComparison.Ordinal);
        var filtered = await PublicSiteApi.TextAsync(anyone, "/advisories?product=Acme+Runner");
        Assert.Contains("<a class=\"button\" href=\"http://localhost/advisories/feed.atom?product=Acme%20Runner\">Atom feed for Acme Runner</a>", filtered, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_advisory_links_its_exports_and_release_post_and_the_post_its_advisories_and_every_link_answers(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider, Settings);
        var alice = await app.AddUserAsync("alice@example.com", ["appsec"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var (release, details) = await ReleaseApi.PreparedAsync(alice.Client);
        await ReleaseApi.AddressNoOneAsync(sam.Client, details);
        foreach (var id in details.GetProperty("communications").EnumerateArray().Select(c => c.Id()))
        {
            var current = await (await alice.Client.GetAsync($"/api/v1/communications/{id}")).JsonAsync();
            await (await WorkflowApi.AnswerSafeAndSubmitAsync(alice.Client, id)).JsonAsync();
            await (await WorkflowApi.DecideAsync(sam.Client, id, "approve", current.Hash())).JsonAsync(HttpStatusCode.Created);
        }
        await DisclosureApi.PublishReleaseAsync(alice.Client, release);
        var advisories = details.Parts("advisory").ToList();
        foreach (var advisory in advisories)
        {
            await (await WorkflowApi.PublishAsync(sam.Client, advisory.Id())).JsonAsync();
        }
        var rce = advisories.Single(a => a.GetProperty("title").GetString() == Rce).GetProperty("reference").GetString();
        var xss = advisories.Single(a => a.GetProperty("title").GetString() == Xss).GetProperty("reference").GetString();
        var blog = details.Part("blog-post");
        var post = blog.GetProperty("reference").GetString();
        var anyone = app.CreateClient();

        var alone = await PublicSiteApi.TextAsync(anyone, $"/advisories/{rce}");
        Assert.DoesNotContain($"/advisories/{post}\"", alone, StringComparison.Ordinal);
        Assert.DoesNotContain("<dt>Release</dt>", alone, StringComparison.Ordinal);
        await PublicSiteApi.TextAsync(anyone, $"/advisories/{post}", HttpStatusCode.NotFound);

        await (await WorkflowApi.PublishAsync(sam.Client, blog.Id())).JsonAsync();

        var page = await PublicSiteApi.TextAsync(anyone, $"/advisories/{rce}");
        Assert.Contains($"<dt>Release</dt>\n                    <dd><a href=\"http://localhost/advisories/{post}\">{PlatformPost}</a></dd>", page, StringComparison.Ordinal);
        foreach (var (format, name) in new[] { ("csaf", "CSAF 2.0"), ("osv", "OSV"), ("cve", "CVE JSON 5") })
        {
            Assert.Contains($"<a href=\"http://localhost/advisories/{rce}/{format}.json\" type=\"application/json\">{name}</a>", page, StringComparison.Ordinal);
        }
        var postPage = await PublicSiteApi.TextAsync(anyone, $"/advisories/{post}");
        Assert.Contains($"<a href=\"http://localhost/advisories/{rce}\">{Rce}</a>", postPage, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"http://localhost/advisories/{xss}\">{Xss}</a>", postPage, StringComparison.Ordinal);
        Assert.True(postPage.IndexOf($"/advisories/{rce}\"", StringComparison.Ordinal) < postPage.IndexOf($"/advisories/{xss}\"", StringComparison.Ordinal),
            "The most severe advisory comes first.");
        Assert.DoesNotContain("/csaf.json", postPage, StringComparison.Ordinal);

        var addresses = Links(page).Concat(Links(postPage)).Concat(Links(await PublicSiteApi.TextAsync(anyone, "/advisories"))).Distinct().ToList();
        Assert.Contains($"http://localhost/advisories/{xss}/cve.json", Links(await PublicSiteApi.TextAsync(anyone, $"/advisories/{xss}")));
        Assert.Contains("http://localhost/.well-known/security.txt", addresses);
        Assert.Contains("http://localhost/.well-known/csaf/provider-metadata.json", addresses);
        foreach (var address in addresses)
        {
            var response = await anyone.GetAsync(address);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{address} answers {(int)response.StatusCode}");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_advisory_links_only_the_exports_that_answer(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var world = await BuildAsync(app);
        var anyone = app.CreateClient();
        var reference = world.Reference(Rce);

        var page = await PublicSiteApi.TextAsync(anyone, $"/advisories/{reference}");

        Assert.Contains($"/advisories/{reference}/csaf.json\"", page, StringComparison.Ordinal);
        Assert.Contains($"/advisories/{reference}/osv.json\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("cve.json", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await anyone.GetAsync($"/advisories/{reference}/cve.json")).StatusCode);
        var bounty = await PublicSiteApi.TextAsync(anyone, $"/advisories/{world.Bounty}");
        Assert.DoesNotContain("/csaf.json", bounty, StringComparison.Ordinal);
        Assert.DoesNotContain("Machine-readable", bounty, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_footer_links_security_txt_once_it_is_served_and_the_csaf_provider_metadata(string provider)
    {
        await using (var app = await SecCommsApp.StartAsync(provider, Settings))
        {
            var anyone = app.CreateClient();
            var list = await PublicSiteApi.TextAsync(anyone, "/advisories");
            Assert.Contains("<a href=\"http://localhost/.well-known/security.txt\">Report a vulnerability (security.txt)</a>", list, StringComparison.Ordinal);
            Assert.Contains("<a href=\"http://localhost/.well-known/csaf/provider-metadata.json\">CSAF provider metadata</a>", list, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync("/.well-known/security.txt")).StatusCode);
        }
        await using (var app = await SecCommsApp.StartAsync(provider))
        {
            var anyone = app.CreateClient();
            var alice = await app.AddUserAsync("alice@example.com", ["security"]);
            var sam = await app.AddUserAsync("sam@example.com", ["security"]);
            var reference = await PublicSiteApi.PublishedAsync(alice, sam, "First release");
            foreach (var address in new[] { "/advisories", $"/advisories/{reference}", "/advisories/SC-99" })
            {
                var page = await (await anyone.GetAsync(address)).Content.ReadAsStringAsync();
                Assert.DoesNotContain("security.txt", page, StringComparison.Ordinal);
                Assert.Contains("<a href=\"http://localhost/.well-known/csaf/provider-metadata.json\">CSAF provider metadata</a>", page, StringComparison.Ordinal);
            }
            Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/.well-known/security.txt")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync("/.well-known/csaf/provider-metadata.json")).StatusCode);
        }
    }

    private static async Task<System.Xml.Linq.XDocument> FeedAsync(HttpClient client, string address)
    {
        var response = await client.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        return System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Every address under the site that a page links to, but the page's own sections.</summary>
    private static IEnumerable<string> Links(string html) =>
        Href().Matches(html).Select(m => m.Groups[1].Value).Where(a => a.StartsWith("http://localhost/", StringComparison.Ordinal));

    [GeneratedRegex("href=\"([^\"#]+)\"")]
    private static partial Regex Href();
}
