using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SecComms.Core.Identity;
using SecComms.Testing;

namespace SecComms.Web.Tests.Pages;

public sealed partial class AuditPageTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Filters_narrow_the_list_by_action_actor_entity_and_time(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var bob = await app.AddUserAsync("bob@example.com", ["support"]);
        await app.AddUserAsync("sam@example.com", ["security"], password: PageSession.Password);
        var first = await CreateAsync(alice.Client, "Monday's post");
        app.Time.Advance(TimeSpan.FromDays(1));
        var second = await CreateAsync(bob.Client, "Tuesday's post");
        await (await Communications.CommunicationsApi.ReviseAsync(alice.Client, second, 1, new { title = "Tuesday's post, revised" })).JsonAsync();
        app.Time.Advance(TimeSpan.FromDays(1));
        await CreateAsync(alice.Client, "Wednesday's post");
        var sam = await PageSession.SignInAsync(app, "sam@example.com");

        var all = await RowsAsync(sam, "/audit");
        var created = await RowsAsync(sam, "/audit?action=communication.created");
        var byBob = await RowsAsync(sam, "/audit?actor=bob@example.com");
        var ofSecond = await RowsAsync(sam, $"/audit?entity=communication:{second}");
        var tuesday = await RowsAsync(sam, "/audit?from=2026-11-03T00:00&to=2026-11-04T00:00");

        Assert.True(all.Count >= 8, $"Every event is listed: {all.Count}");
        Assert.Equal([.. all.OrderByDescending(r => r.Seq)], all);
        Assert.Equal(3, created.Count);
        Assert.All(created, r => Assert.Equal("communication.created", r.Action));
        Assert.Equal(["communication.created", "token.issued"], byBob.Select(r => r.Action));
        Assert.All(byBob, r => Assert.Equal("bob@example.com", r.Actor));
        Assert.Equal(["communication.revised", "communication.created"], ofSecond.Select(r => r.Action));
        Assert.All(ofSecond, r => Assert.Equal($"communication:{second}", r.Entity));
        Assert.Equal([$"communication:{second}", $"communication:{second}"], tuesday.Select(r => r.Entity));
        Assert.DoesNotContain(tuesday, r => r.Entity == $"communication:{first}");
        Assert.Empty(await RowsAsync(sam, "/audit?action=communication.created&actor=bob@example.com&from=2026-11-04T00:00"));

        var api = await (await alice.Client.GetAsync("/api/v1/audit?actor=bob@example.com&from=2026-11-03T00:00:00Z&to=2026-11-04T00:00:00Z")).JsonAsync();
        var page = await RowsAsync(sam, "/audit?actor=bob@example.com&from=2026-11-03T00:00&to=2026-11-04T00:00");
        Assert.Equal(["communication.created"], page.Select(r => r.Action));
        Assert.Equal(page.Select(r => r.Seq).Reverse(), api.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Paging_by_sequence_number_reaches_the_first_event_and_never_repeats_one(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        for (var i = 0; i < 110; i++)
        {
            await CreateAsync(alice.Client, $"Post {i}");
        }
        var head = (await (await alice.Client.GetAsync("/api/v1/audit/head")).JsonAsync()).GetProperty("seq").GetInt64();

        var seen = new List<long>();
        var pages = 0;
        for (var url = "/audit"; url is not null; pages++)
        {
            var html = await sam.GetHtmlAsync(url);
            seen.AddRange(Rows(html).Select(r => r.Seq));
            url = OlderLink().Match(html) is { Success: true } next ? WebUtility.HtmlDecode(next.Groups[1].Value) : null;
            Assert.True(pages < 10, "Paging ends.");
        }

        Assert.Equal(3, pages);
        Assert.Equal(seen.Distinct(), seen);
        Assert.Equal(Enumerable.Range(1, (int)head).Select(i => (long)i).Reverse(), seen);

        var created = new List<long>();
        for (var url = "/audit?action=communication.created"; url is not null;)
        {
            var html = await sam.GetHtmlAsync(url);
            created.AddRange(Rows(html).Select(r => r.Seq));
            url = OlderLink().Match(html) is { Success: true } next ? WebUtility.HtmlDecode(next.Groups[1].Value) : null;
            Assert.True(url is null || url.Contains("action=communication.created", StringComparison.Ordinal), "The next page keeps the filter.");
        }
        Assert.Equal(110, created.Count);
        Assert.Equal(created.Distinct(), created);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_export_is_the_filtered_events_as_json_lines_in_chain_order(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        for (var i = 0; i < 4; i++)
        {
            await CreateAsync(alice.Client, $"Post {i}");
        }

        var response = await sam.Client.GetAsync("/audit?handler=Export&action=communication.created&actor=alice@example.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("seccomms-audit.jsonl", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var text = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text.TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var api = (await (await alice.Client.GetAsync("/api/v1/audit?action=communication.created&actor=alice@example.com")).JsonAsync())
            .GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, lines.Count);
        Assert.All(lines, l => Assert.Equal("communication.created", l.GetProperty("action").GetString()));
        Assert.All(lines, l => Assert.Equal("alice@example.com", l.GetProperty("actor").GetString()));
        Assert.Equal(api.Select(e => e.GetRawText()), lines.Select(l => l.GetRawText()));
        Assert.Equal([.. lines.Select(l => l.GetProperty("seq").GetInt64()).Order()], lines.Select(l => l.GetProperty("seq").GetInt64()));

        var everything = (await (await sam.Client.GetAsync("/audit?handler=Export")).Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        var head = (await (await alice.Client.GetAsync("/api/v1/audit/head")).JsonAsync()).GetProperty("seq").GetInt64();
        Assert.Equal(head, everything.Length);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task A_filter_that_makes_no_sense_is_refused_on_the_page_in_the_export_and_by_the_api(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);

        var page = WebUtility.HtmlDecode(await sam.GetHtmlAsync("/audit?from=2026-11-03T00:00&to=2026-11-02T00:00"));
        var export = await sam.Client.GetAsync("/audit?handler=Export&from=2026-11-03T00:00&to=2026-11-02T00:00");
        var api = await (await alice.Client.GetAsync("/api/v1/audit?from=2026-11-03T00:00:00Z&to=2026-11-02T00:00:00Z")).AssertProblemAsync(HttpStatusCode.BadRequest);
        var both = await (await alice.Client.GetAsync("/api/v1/audit?after=3&before=9")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("to must be later than from.", page, StringComparison.Ordinal);
        Assert.Empty(Rows(page));
        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        Assert.Contains("to must be later than from.", WebUtility.HtmlDecode(await export.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("to must be later than from.", api.GetProperty("errors").GetProperty("to")[0].GetString());
        Assert.True(both.GetProperty("errors").TryGetProperty("after", out _));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task An_event_opens_with_its_data_indented_its_sequence_number_and_both_hashes(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        var id = await CreateAsync(alice.Client, "A post");
        var item = (await (await alice.Client.GetAsync($"/api/v1/audit?entity=communication:{id}")).JsonAsync()).GetProperty("items")[0];
        var seq = item.GetProperty("seq").GetInt64();

        var html = WebUtility.HtmlDecode(await sam.GetHtmlAsync($"/audit/{seq}"));

        Assert.Contains($"<h1>Audit event {seq}</h1>", html, StringComparison.Ordinal);
        Assert.Contains(item.GetProperty("hash").GetString()!, html, StringComparison.Ordinal);
        Assert.Contains(item.GetProperty("prevHash").GetString()!, html, StringComparison.Ordinal);
        var indented = JsonSerializer.Serialize(JsonDocument.Parse(item.GetProperty("data").GetString()!).RootElement, Indented);
        Assert.Contains(indented.ReplaceLineEndings("\n"), html.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("\n  \"contentHash\": ", html.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains($"Event {seq - 1}", html, StringComparison.Ordinal);
        await sam.GetHtmlAsync($"/audit/{seq + 1000}", HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task The_chain_page_shows_how_far_it_verifies_or_where_it_breaks(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        var alice = await app.AddUserAsync("alice@example.com", ["security"]);
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(alice.Client, $"Post {i}");
        }
        var head = (await (await alice.Client.GetAsync("/api/v1/audit/head")).JsonAsync()).GetProperty("head").GetString()!;
        var (seq, hash) = (head.Split(':')[0], head.Split(':')[1]);

        var intact = WebUtility.HtmlDecode(await sam.GetHtmlAsync("/audit/chain"));
        Assert.Contains("The chain is intact", intact, StringComparison.Ordinal);
        Assert.Matches($"Verified up to event <a [^>]*>{seq}</a> of {seq}, hash <code class=\"hash-full\">{hash}</code>", intact);
        Assert.Contains("It holds the head kept from before", WebUtility.HtmlDecode(await sam.GetHtmlAsync($"/audit/chain?expect={head}")), StringComparison.Ordinal);
        Assert.Contains("expect must be SEQ:HASH", WebUtility.HtmlDecode(await sam.GetHtmlAsync("/audit/chain?expect=nonsense")), StringComparison.Ordinal);

        await app.Database.ExecuteSqlAsync("""UPDATE audit_events SET "Actor" = 'mallory@example.com' WHERE "Seq" = 4""");
        var broken = WebUtility.HtmlDecode(await sam.GetHtmlAsync("/audit/chain"));

        Assert.Contains("The chain breaks at event 4", broken, StringComparison.Ordinal);
        Assert.Contains("Event 4 was altered: its content does not match its hash.", broken, StringComparison.Ordinal);
        Assert.Contains("Events 1 to 3 verify", broken, StringComparison.Ordinal);
        Assert.DoesNotContain("The chain is intact", broken, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.SqliteOnly), MemberType = typeof(TestDatabase))]
    public async Task Only_the_security_team_opens_the_audit_pages_administrators_outside_it_included(string provider)
    {
        await using var app = await SecCommsApp.StartAsync(provider);
        await app.AddUserAsync("lee@example.com", ["legal"], UserRole.Admin, PageSession.Password);
        var lee = await PageSession.SignInAsync(app, "lee@example.com");
        var sam = await PageSession.AddAndSignInAsync(app, "sam@example.com", ["security"]);

        foreach (var url in new[] { "/audit", "/audit?handler=Export", "/audit/1", "/audit/chain" })
        {
            var refused = WebUtility.HtmlDecode(await lee.GetHtmlAsync(url, HttpStatusCode.Forbidden));
            Assert.Contains("Only the security team reads the audit trail", refused, StringComparison.Ordinal);
            Assert.DoesNotContain("lee@example.com</td>", refused, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("href=\"/audit\"", await lee.GetHtmlAsync("/tokens"), StringComparison.Ordinal);
        Assert.Contains("href=\"/audit\"", await sam.GetHtmlAsync("/tokens"), StringComparison.Ordinal);
    }

    internal sealed record Row(long Seq, string Actor, string Action, string Entity);

    internal static async Task<List<Row>> RowsAsync(PageSession session, string url) => Rows(await session.GetHtmlAsync(url));

    internal static List<Row> Rows(string html) =>
        [.. RowPattern().Matches(WebUtility.HtmlDecode(html)).Select(m => new Row(long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value))];

    private static async Task<string> CreateAsync(HttpClient client, string title) =>
        (await (await client.PostJsonAsync("/api/v1/communications", new { category = "security-blog-post", title })).JsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetString()!;

    [GeneratedRegex("""<tr data-seq="(\d+)">\s*<td[^>]*>.*?</td>\s*<td>.*?</td>\s*<td>([^<]*)</td>\s*<td><code>([^<]*)</code></td>\s*<td><code>([^<]*)</code></td>""", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("""<a rel="next" href="([^"]+)">Older events</a>""")]
    private static partial Regex OlderLink();
}
