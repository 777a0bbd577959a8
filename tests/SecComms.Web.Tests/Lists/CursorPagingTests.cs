using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SecComms.Testing;
using SecComms.Web.Tests.Incidents;
using SecComms.Web.Tests.Pages;
using SecComms.Web.Tests.Releases;

namespace SecComms.Web.Tests.Lists;

/// <summary>The incident, release and vulnerability lists page by cursor to their last record, as the communication list does.</summary>
public sealed partial class CursorPagingTests
{
    private const int Records = 7;

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Each_list_pages_to_its_oldest_record_newest_first_without_repeating_or_skipping_one(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var eve = await app.AddUserAsync("eve@example.com", ["security"]);
        await RecordsAsync(app, eve.Client);

        foreach (var (list, prefix) in Lists)
        {
            var references = new List<string>();
            string? cursor = null;
            var pages = 0;
            do
            {
                var page = await (await eve.Client.GetAsync($"/api/v1/{list}?limit=3" + (cursor is null ? "" : $"&cursor={cursor}"))).JsonAsync();
                references.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reference").GetString()!));
                cursor = page.GetProperty("nextCursor").GetString();
                pages++;
            }
            while (cursor is not null && pages < 10);

            Assert.Equal([.. Enumerable.Range(1, Records).Reverse().Select(n => $"{prefix}-{n}")], references);
            Assert.Equal(3, pages);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_reference_finds_one_record_and_a_filter_pages_within_itself(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var eve = await app.AddUserAsync("eve@example.com", ["security"]);
        await RecordsAsync(app, eve.Client);

        foreach (var (list, prefix) in Lists)
        {
            var found = await (await eve.Client.GetAsync($"/api/v1/{list}?reference={prefix.ToLowerInvariant()}-2")).JsonAsync();
            Assert.Equal($"{prefix}-2", Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("reference").GetString());
            var none = await (await eve.Client.GetAsync($"/api/v1/{list}?reference={prefix}-99")).JsonAsync();
            Assert.Empty(none.GetProperty("items").EnumerateArray());
        }
        var first = await (await eve.Client.GetAsync("/api/v1/incidents?severity=s1&limit=2")).JsonAsync();
        var second = await (await eve.Client.GetAsync($"/api/v1/incidents?severity=s1&limit=2&cursor={first.GetProperty("nextCursor").GetString()}")).JsonAsync();
        Assert.All(first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()),
            i => Assert.Equal("s1", i.GetProperty("severity").GetString()));
        Assert.Equal(["INC-7", "INC-5", "INC-3", "INC-1"],
            first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("reference").GetString()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_cursor_limit_or_reference_no_list_gives_is_refused_by_name(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var eve = await app.AddUserAsync("eve@example.com", ["security"]);

        foreach (var (list, prefix) in Lists)
        {
            foreach (var (query, field) in new[] { ("cursor=abc", "cursor"), ("cursor=-4", "cursor"), ("limit=0", "limit"), ("limit=101", "limit"),
                ("reference=" + (prefix == "SR" ? "INC" : "SR") + "-3", "reference"), ("reference=3", "reference") })
            {
                var problem = await (await eve.Client.GetAsync($"/api/v1/{list}?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest);
                Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{list}?{query}: {problem}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_list_pages_offer_older_records_and_keep_their_filters(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var eve = await app.AddUserAsync("eve@example.com", ["security"]);
        for (var i = 0; i < 27; i++)
        {
            await IncidentApi.OpenedAsync(eve.Client, Incident(app, i, "s2"));
        }
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);

        var newest = WebUtility.HtmlDecode(await sam.GetHtmlAsync("/incidents?severity=S2"));
        Assert.Contains("INC-27", newest, StringComparison.Ordinal);
        Assert.DoesNotContain(">INC-2<", newest, StringComparison.Ordinal);
        var older = OlderLink().Match(newest);
        Assert.True(older.Success, "The first page links to older incidents.");
        Assert.Contains("severity=S2", older.Groups["href"].Value, StringComparison.Ordinal);

        var last = WebUtility.HtmlDecode(await sam.GetHtmlAsync(older.Groups["href"].Value));
        Assert.Contains(">INC-2<", last, StringComparison.Ordinal);
        Assert.Contains(">INC-1<", last, StringComparison.Ordinal);
        Assert.DoesNotContain("INC-27", last, StringComparison.Ordinal);
        Assert.False(OlderLink().IsMatch(last), "The last page offers nothing older.");
        Assert.Contains(">Newest</a>", last, StringComparison.Ordinal);

        var refused = await sam.GetHtmlAsync("/incidents?cursor=abc");
        Assert.Contains("cursor is not one this API returned.", refused, StringComparison.Ordinal);
    }

    private static readonly (string List, string Prefix)[] Lists = [("incidents", "INC"), ("releases", "SR"), ("vulnerabilities", "VULN")];

    /// <summary>Seven of each: incidents alternating S1 and S2, releases, and vulnerabilities.</summary>
    private static async Task RecordsAsync(SecCommsApp app, HttpClient client)
    {
        for (var i = 0; i < Records; i++)
        {
            await IncidentApi.OpenedAsync(client, Incident(app, i, i % 2 == 0 ? "s1" : "s2"));
            await ReleaseApi.PlanAsync(client);
            await ReleaseApi.CreateVulnerabilityAsync(client, ReleaseApi.Rce($"CVE-2026-{20000 + i}"));
        }
    }

    private static object Incident(SecCommsApp app, int i, string severity) => new
    {
        title = $"Incident number {i + 1}",
        kind = "breach",
        severity,
        becameAwareAt = app.Time.GetUtcNow().AddHours(-1),
        personalData = false,
    };

    [GeneratedRegex("<a (?=[^>]*rel=\"next\")[^>]*href=\"(?<href>[^\"]+)\"[^>]*>Older</a>")]
    private static partial Regex OlderLink();
}
