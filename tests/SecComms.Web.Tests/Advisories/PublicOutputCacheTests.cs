using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SecComms.Core.Identity;
using SecComms.Core.Policy;
using SecComms.Testing;
using SecComms.Web.Tests.Pages;

namespace SecComms.Web.Tests.Advisories;

/// <summary>
/// Public responses kept in the node's memory: answered from there under load, and never out of date for what was
/// published through the node.
/// </summary>
public sealed class PublicOutputCacheTests
{
    private static readonly string[] Addresses = ["/advisories", "/advisories/SC-1", "/advisories/feed.atom"];

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Public_responses_are_answered_from_memory_and_a_new_publication_shows_at_once(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var anyone = app.CreateClient();
        await PublicSiteApi.PublishedAsync(alice, sam, "First release");
        foreach (var address in Addresses)
        {
            Assert.Null((await anyone.GetAsync(address)).Headers.Age);
        }

        await app.Database.ExecuteSqlAsync("UPDATE revisions SET \"Title\" = 'Changed behind the site'");

        foreach (var address in Addresses)
        {
            var kept = await anyone.GetAsync(address);
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
            Assert.NotNull(kept.Headers.Age);
            Assert.Equal("public, max-age=300", kept.Headers.CacheControl?.ToString());
            Assert.NotNull(kept.Headers.ETag);
            var text = await kept.Content.ReadAsStringAsync();
            Assert.Contains("First release", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Changed behind the site", text, StringComparison.Ordinal);
        }
        Assert.NotNull((await anyone.GetAsync("/advisories/SC-1?utm_source=feed")).Headers.Age);

        await PublicSiteApi.PublishedAsync(alice, sam, "Second release");

        var list = await anyone.GetAsync("/advisories");
        Assert.Null(list.Headers.Age);
        var html = await list.Content.ReadAsStringAsync();
        Assert.Contains("Second release", html, StringComparison.Ordinal);
        Assert.Contains("Changed behind the site", html, StringComparison.Ordinal);
        Assert.Equal("Second release", (await PublicSiteApi.FeedAsync(anyone)).Entries().First().Child("title"));
        await PublicSiteApi.TextAsync(anyone, "/advisories/SC-2");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_scheduled_publication_shows_on_the_kept_list_when_it_goes_out(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var anyone = app.CreateClient();
        var id = await PublicSiteApi.ApprovedAsync(alice, sam, "Scheduled release");
        await (await alice.Client.PostJsonAsync($"/api/v1/communications/{id}/schedule", new { at = app.Time.GetUtcNow().AddHours(1) })).JsonAsync();
        Assert.Contains("Nothing has been published yet.", await PublicSiteApi.TextAsync(anyone, "/advisories"), StringComparison.Ordinal);
        Assert.NotNull((await anyone.GetAsync("/advisories")).Headers.Age);

        app.Time.Advance(TimeSpan.FromHours(1));

        Assert.True(await EventuallyAsync(async () => (await PublicSiteApi.TextAsync(anyone, "/advisories")).Contains("Scheduled release", StringComparison.Ordinal)),
            "The scheduled publication did not show on the list once it went out.");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_policy_that_takes_web_off_a_category_takes_its_entries_off_the_kept_pages_at_once(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var admin = await app.AddUserAsync("root@example.com", [], UserRole.Admin);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var anyone = app.CreateClient();
        await PublicSiteApi.PublishedAsync(alice, sam, "First release", "bug-bounty-update");
        Assert.Contains("First release", await PublicSiteApi.TextAsync(anyone, "/advisories"), StringComparison.Ordinal);
        await PublicSiteApi.TextAsync(anyone, "/advisories/SC-1");
        var emailOnly = PolicyLoader.DefaultYaml().Replace("    name: Bug bounty program update\n    area: vulnerability\n    owner: security\n    channels: [web, email, social]",
            "    name: Bug bounty program update\n    area: vulnerability\n    owner: security\n    channels: [email]", StringComparison.Ordinal);
        Assert.NotEqual(PolicyLoader.DefaultYaml(), emailOnly);

        await (await admin.Client.PutAsync("/api/v1/policy", new StringContent(emailOnly, Encoding.UTF8, "application/yaml"))).JsonAsync();

        Assert.Contains("Nothing has been published yet.", await PublicSiteApi.TextAsync(anyone, "/advisories"), StringComparison.Ordinal);
        await PublicSiteApi.TextAsync(anyone, "/advisories/SC-1", HttpStatusCode.NotFound);
        Assert.Empty((await PublicSiteApi.FeedAsync(anyone)).Entries());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Signed_in_and_anonymous_visitors_share_one_kept_copy_and_it_carries_no_session_cookie(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"], password: PageSession.Password);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        await PublicSiteApi.PublishedAsync(alice, sam, "First release");
        var session = await PageSession.SignInAsync(app, "alice@example.com");
        app.Time.Advance(TimeSpan.FromHours(5));

        var signedIn = await session.Client.GetAsync("/advisories/SC-1");
        var anonymous = await app.CreateClient().GetAsync("/advisories/SC-1");
        var signedInAgain = await session.Client.GetAsync("/advisories/SC-1");

        Assert.Null(signedIn.Headers.Age);
        Assert.NotNull(anonymous.Headers.Age);
        Assert.NotNull(signedInAgain.Headers.Age);
        foreach (var response in new[] { signedIn, anonymous, signedInAgain })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Set-Cookie"), "A public response carries a session cookie.");
        }
        var bytes = await signedIn.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes, await anonymous.Content.ReadAsByteArrayAsync());
        Assert.Equal(bytes, await signedInAgain.Content.ReadAsByteArrayAsync());
        Assert.True((await session.Client.GetAsync("/")).Headers.Contains("Set-Cookie"), "The session is renewed on the signed-in pages.");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_kept_page_answers_only_its_own_address_and_conditional_requests_still_get_304(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await app.AddUserAsync("sam@example.com", ["security"]);
        var anyone = app.CreateClient();
        await PublicSiteApi.PublishedAsync(alice, sam, "First release");
        var first = await anyone.GetAsync("/advisories/SC-1");
        var etag = first.Headers.ETag ?? throw new InvalidOperationException("No ETag");

        await PublicSiteApi.TextAsync(anyone, "/advisories/sc-1", HttpStatusCode.NotFound);
        var byTag = new HttpRequestMessage(HttpMethod.Get, "/advisories/SC-1");
        byTag.Headers.IfNoneMatch.Add(etag);
        var notModified = await anyone.SendAsync(byTag);
        var byDate = new HttpRequestMessage(HttpMethod.Get, "/advisories/SC-1");
        byDate.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        var notModifiedByDate = await anyone.SendAsync(byDate);
        var otherTag = new HttpRequestMessage(HttpMethod.Get, "/advisories/SC-1");
        otherTag.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\""));
        var full = await anyone.SendAsync(otherTag);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, notModifiedByDate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.NotNull(full.Headers.Age);
        Assert.Equal(etag, full.Headers.ETag);
        Assert.Equal(first.Content.Headers.LastModified, full.Content.Headers.LastModified);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await full.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Filtered_pages_and_product_feeds_are_kept_apart_searches_and_empty_results_are_not_kept_and_a_publication_shows_at_once(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var world = await PublicSiteWorld.BuildAsync(app);
        var anyone = app.CreateClient();
        var kept = new Dictionary<string, string>();
        foreach (var address in new[]
        {
            "/advisories?severity=critical", "/advisories?severity=medium", "/advisories?product=Acme%20Runner&year=2027", "/advisories?year=2027",
            "/advisories/feed.atom?product=Acme%20Platform", "/advisories/feed.atom?product=Acme%20Runner", "/advisories/feed.atom",
        })
        {
            var first = await anyone.GetAsync(address);
            var second = await anyone.GetAsync(address);
            Assert.Null(first.Headers.Age);
            Assert.True(second.Headers.Age is not null, $"{address} was not kept.");
            kept[address] = await second.Content.ReadAsStringAsync();
            Assert.Equal(await first.Content.ReadAsStringAsync(), kept[address]);
        }
        Assert.Contains(PublicSiteWorld.Rce, kept["/advisories?severity=critical"], StringComparison.Ordinal);
        Assert.DoesNotContain(PublicSiteWorld.Xss, kept["/advisories?severity=critical"], StringComparison.Ordinal);
        Assert.Contains(PublicSiteWorld.Xss, kept["/advisories?severity=medium"], StringComparison.Ordinal);
        Assert.DoesNotContain(PublicSiteWorld.Rce, kept["/advisories?severity=medium"], StringComparison.Ordinal);
        Assert.Contains(PublicSiteWorld.RunnerLeak, kept["/advisories/feed.atom?product=Acme%20Runner"], StringComparison.Ordinal);
        Assert.DoesNotContain(PublicSiteWorld.RunnerLeak, kept["/advisories/feed.atom?product=Acme%20Platform"], StringComparison.Ordinal);

        foreach (var address in new[] { "/advisories?q=remote", "/advisories?q=remote&severity=critical", "/advisories?year=2025", "/advisories?severity=low" })
        {
            await anyone.GetAsync(address);
            var again = await anyone.GetAsync(address);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.True(again.Headers.Age is null, $"{address} was kept.");
        }
        Assert.Contains(PublicSiteWorld.Rce, await PublicSiteApi.TextAsync(anyone, "/advisories?q=remote"), StringComparison.Ordinal);
        var entry = $"/advisories/{world.Reference(PublicSiteWorld.Rce)}";
        await anyone.GetAsync(entry);
        Assert.NotNull((await anyone.GetAsync(entry + "?product=Acme%20Runner&severity=low")).Headers.Age);

        await PublicSiteApi.PublishedAsync(world.Alice, world.Sam, "Fresh bounty results", "bug-bounty-update");

        var fresh = await anyone.GetAsync("/advisories?year=2027");
        Assert.Null(fresh.Headers.Age);
        Assert.Contains("Fresh bounty results", await fresh.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await anyone.GetAsync("/advisories/feed.atom?product=Acme%20Runner")).Headers.Age);
    }

    [Fact]
    public async Task With_no_duration_nothing_is_kept_and_a_duration_beyond_max_age_stops_the_host()
    {
        await using (var app = await SecCommsApp.StartAsync("sqlite", new Dictionary<string, string?> { ["PublicSite:OutputCacheDuration"] = "00:00:00" }))
        {
            var anyone = app.CreateClient();
            await anyone.GetAsync("/advisories");
            Assert.Null((await anyone.GetAsync("/advisories")).Headers.Age);
        }

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => SecCommsApp.StartAsync("sqlite",
            new Dictionary<string, string?> { ["PublicSite:OutputCacheDuration"] = "00:10:00" }));

        Assert.Contains("PublicSite:OutputCacheDuration must be between 00:00:00 (off) and 00:05:00", failure.ToString(), StringComparison.Ordinal);
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(100);
        }
        return false;
    }
}
